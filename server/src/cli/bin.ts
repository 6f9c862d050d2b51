/**
 * Process entry of the CLI (bundled to dist/cli.js): runs the command line and sets
 * the exit code. An unexpected failure prints one line (the stack only with
 * ALIGNMENT_TERMS_DEBUG=1) and exits 2.
 */
import { run } from './main';

// A reader that stops early (`alignment-terms lint | head`) closes the pipe: that ends
// the output, it is not a failure to report with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`alignment-terms: cannot write the output: ${error.message}\n`);
  process.exit(2);
});

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
