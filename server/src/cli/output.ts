/**
 * Where a report goes: stdout, or with `--output FILE` a file that is written
 * atomically (it appears complete at the end of the run, or not at all).
 */
import { AtomicFile, WriteError } from './atomic';
import { UsageError } from './errors';

/** A report destination. */
export interface Sink {
  write(text: string): void;
  /** One file's report is written: a terminal shows it now (elsewhere it may wait for more). */
  fileDone(): void;
  /** The report is complete: publish it. */
  close(): void;
  /** The run failed: drop what was written (the previous --output file stays). */
  abort(): void;
}

/** Bytes handed to the destination per write, about. */
const PIECE_BYTES = 64 * 1024;
/** Room in each piece: a text must fit whole (at most three bytes per UTF-16 code unit); a longer one is encoded on its own. */
const PIECE_ROOM = 4 * PIECE_BYTES;

/**
 * Report text as UTF-8 bytes, handed on in pieces of about PIECE_BYTES. A stream
 * given a string measures it and encodes it into a new buffer: two passes over a
 * flattened copy of what is often a long concatenation. A 1,000-draft JSON report is
 * 80 MB, and that encoding was 4% of the run; here each text is encoded once,
 * straight into the piece.
 */
export class Utf8Pieces {
  private piece = Buffer.allocUnsafe(PIECE_ROOM);
  private used = 0;

  /** `emit` receives each piece; it may keep it (a new piece is started after each). */
  constructor(private readonly emit: (bytes: Buffer) => void) {}

  /** Adds `text`; hands on a piece once it holds PIECE_BYTES or more. */
  write(text: string): void {
    if (!text) return;
    if (this.used + 3 * text.length > this.piece.length) {
      this.flush();
      if (3 * text.length > this.piece.length) {
        this.emit(Buffer.from(text));
        return;
      }
    }
    this.used += this.piece.write(text, this.used);
    if (this.used >= PIECE_BYTES) this.flush();
  }

  /** Hands on what is collected. */
  flush(): void {
    if (this.used === 0) return;
    const bytes = this.piece.subarray(0, this.used);
    this.piece = Buffer.allocUnsafe(PIECE_ROOM);
    this.used = 0;
    this.emit(bytes);
  }
}

/**
 * A sink for `stdout`, or for `file` when given. Throws UsageError when the file
 * cannot be created. Text goes out in pieces of about 64 KB; a terminal gets each
 * file's report as soon as it is written (it takes turns with the progress line on
 * stderr).
 */
export function openSink(stdout: NodeJS.WritableStream, file: string | undefined): Sink {
  if (file === undefined) {
    const pieces = new Utf8Pieces((bytes) => stdout.write(bytes));
    const terminal = !!(stdout as { isTTY?: boolean }).isTTY;
    return {
      write: (text) => pieces.write(text),
      fileDone: () => {
        if (terminal) pieces.flush();
      },
      close: () => pieces.flush(),
      // On abort too: what was reported before the failure is printed, as it would have been unbuffered.
      abort: () => pieces.flush(),
    };
  }
  let out: AtomicFile;
  try {
    out = new AtomicFile(file);
  } catch (error) {
    if (error instanceof WriteError) throw new UsageError(`--output: ${error.message}`);
    throw error;
  }
  const pieces = new Utf8Pieces((bytes) => out.write(bytes));
  return {
    write: (text) => pieces.write(text),
    fileDone() {},
    close() {
      pieces.flush();
      out.commit();
    },
    abort() {
      out.abort();
    },
  };
}
