/**
 * Re-frames the LSP byte stream before vscode-jsonrpc reads it. The reader gives up
 * on a header it cannot use (no Content-Length, "abc", "-5"): it reports an error and
 * then reads the rest of the stream misaligned, so one garbled frame left the server
 * answering nothing ever again. Here a frame passes only with a usable
 * Content-Length; anything else is dropped up to the next "Content-Length:" header,
 * so the server resynchronises on the next good frame.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Larger frames are dropped (a lying length would otherwise swallow every later frame). */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('content-length:');

/** A stream that passes only well-framed LSP messages; `onDrop` hears what was skipped. */
export class Reframer extends Transform {
  private buffer: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  /** Chunks of a frame still arriving, kept apart until it is complete (see _transform). */
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  /** Bytes the frame at the head of the buffer needs in all; 0 when not known yet. */
  private needed = 0;

  constructor(private readonly onDrop: (reason: string) => void = () => undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // A large frame (a 5 MB draft) arrives in many chunks: joining them only once it is
    // complete keeps its cost linear; joining on every chunk copied it over and over.
    if (this.needed > 0 && this.buffer.length + this.waitingBytes + chunk.length < this.needed) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      done();
      return;
    }
    this.buffer = this.buffer.length || this.waiting.length ? Buffer.concat([this.buffer, ...this.waiting, chunk]) : chunk;
    this.waiting = [];
    this.waitingBytes = 0;
    this.needed = 0;
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) break;
      const length = contentLength(this.buffer.subarray(0, end).toString('latin1'));
      if (length === null) {
        this.skip(`an unusable message header (${JSON.stringify(this.buffer.subarray(0, Math.min(end, 80)).toString('latin1'))})`);
        continue;
      }
      const total = end + HEADER_END.length + length;
      if (this.buffer.length < total) {
        this.needed = total;
        break;
      }
      this.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
    done();
  }

  /** Drops bytes up to the next "Content-Length:" after the current position (or all of them). */
  private skip(reason: string): void {
    const next = indexOfCaseless(this.buffer, CONTENT_LENGTH, 1);
    this.buffer = next < 0 ? Buffer.alloc(0) : this.buffer.subarray(next);
    this.onDrop(reason);
  }
}

/** The Content-Length of a header block when every line is "Key: value" and the length is usable, else null. */
function contentLength(headers: string): number | null {
  let length: number | null = null;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_FRAME_BYTES) return null;
    length = Number(value);
  }
  return length;
}

function indexOfCaseless(buffer: Buffer, needle: Buffer, from: number): number {
  // Header names are ASCII; "Content-Length" in any case.
  const lower = Buffer.from(buffer.toString('latin1').toLowerCase(), 'latin1');
  return lower.indexOf(needle, from);
}
