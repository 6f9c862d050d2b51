/**
 * A progress line on stderr ("alignment-terms: 120/1000 files") for long runs,
 * redrawn in place at most every 100 ms and erased at the end. Only on a terminal:
 * CI logs and pipes never see it.
 */

/** Runs over this many files show progress. */
export const PROGRESS_MIN_FILES = 50;

/** Draws and clears the progress line. */
export interface Progress {
  /** `done` files of `total` are finished. */
  update(done: number): void;
  /** Erases the line (call before printing anything else to stderr, and at the end). */
  clear(): void;
}

const NONE: Progress = { update() {}, clear() {} };

/** A progress line on `stream` when it is a terminal and `total` is large enough; else a no-op. */
export function createProgress(stream: NodeJS.WritableStream, total: number, env: NodeJS.ProcessEnv): Progress {
  if (!(stream as NodeJS.WriteStream).isTTY || total <= PROGRESS_MIN_FILES || env.CI) return NONE;
  let last = 0;
  let shown = false;
  return {
    update(done) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[Kalignment-terms: ${done}/${total} files`);
    },
    clear() {
      if (!shown) return;
      shown = false;
      last = 0;
      stream.write('\r\x1b[K');
    },
  };
}
