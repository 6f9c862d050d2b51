/**
 * Process entry of the CLI (bundled to dist/cli.js): runs the command line and sets
 * the exit code. An unexpected failure prints one line (the stack only with
 * ALIGNMENT_TERMS_DEBUG=1) and exits 2.
 */
import { run } from './main';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`alignment-terms: internal error: ${(error as Error)?.message ?? String(error)}\nPlease report this with the draft that caused it.\n`);
    if (process.env.ALIGNMENT_TERMS_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  },
);
