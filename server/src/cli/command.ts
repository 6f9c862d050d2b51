/**
 * The shape of a CLI command. Each command lives in its own module under
 * commands/ and is registered by one line in main.ts's COMMANDS list. A command
 * declares its own options; main.ts parses every registered option at once and
 * rejects an option that the chosen command does not declare (global options are
 * accepted everywhere).
 */

/** One option, in node:util parseArgs terms plus what `--help` prints. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Repeatable: the value is an array of every occurrence. */
  multiple?: boolean;
  /** Placeholder for the value in help text, e.g. "FILE" or "N". */
  value?: string;
  /** One line for `--help`. */
  description: string;
}

/** Parsed option values, keyed by long option name. Absent options are undefined. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Where a command reads and writes. Tests pass their own streams and folder. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Folder that relative paths and the default glossary search start from. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A CLI command: `alignment-terms <name> [args] [options]`. */
export interface Command {
  name: string;
  /** One line for the command list in `--help`. */
  summary: string;
  /** Usage line after the program name, e.g. "lint [paths or globs ...]". */
  usage?: string;
  /** Options only this command accepts (names must not clash with another command's in type). */
  options?: Record<string, OptionSpec>;
  /**
   * An option that selects this command without naming it (e.g. `print-config` for
   * `alignment-terms --print-config FILE`). The option must be in `options`.
   */
  trigger?: string;
  /**
   * Runs the command with its positional arguments and every parsed option (its own
   * and the global ones); resolves to the exit code. Throws UsageError or
   * ConfigError for problems main.ts should print as one line with exit code 2.
   */
  run(args: string[], options: OptionValues, io: CommandIO): number | Promise<number>;
}

/** Reads a string option (the last one when repeated). */
export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  if (Array.isArray(value)) return value.length ? String(value[value.length - 1]) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Reads a repeatable string option as a list (empty when absent). */
export function stringList(options: OptionValues, name: string): string[] {
  const value = options[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Reads a boolean option. */
export function flag(options: OptionValues, name: string): boolean {
  return options[name] === true;
}
