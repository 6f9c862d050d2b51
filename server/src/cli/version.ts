/** The tool's version: printed by --version, written into SARIF logs, part of every cache key. */
export const VERSION = '0.1.0';
