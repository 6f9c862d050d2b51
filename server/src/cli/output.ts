/**
 * Where a report goes: stdout, or with `--output FILE` a file that is written
 * atomically (it appears complete at the end of the run, or not at all).
 */
import { AtomicFile, WriteError } from './atomic';
import { UsageError } from './errors';

/** A report destination. */
export interface Sink {
  write(text: string): void;
  /** The report is complete: publish it. */
  close(): void;
  /** The run failed: drop what was written (the previous --output file stays). */
  abort(): void;
}

/** A sink for `stdout`, or for `file` when given. Throws UsageError when the file cannot be created. */
export function openSink(stdout: NodeJS.WritableStream, file: string | undefined): Sink {
  if (file === undefined) return { write: (text) => void (text && stdout.write(text)), close() {}, abort() {} };
  let out: AtomicFile;
  try {
    out = new AtomicFile(file);
  } catch (error) {
    if (error instanceof WriteError) throw new UsageError(`--output: ${error.message}`);
    throw error;
  }
  // Buffer small writes: one system call per ~64 KB rather than per file.
  let buffer = '';
  const flush = () => {
    if (buffer) out.write(buffer);
    buffer = '';
  };
  return {
    write(text) {
      buffer += text;
      if (buffer.length > 65536) flush();
    },
    close() {
      flush();
      out.commit();
    },
    abort() {
      out.abort();
    },
  };
}
