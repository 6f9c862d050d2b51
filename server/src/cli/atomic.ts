/**
 * Atomic file writes: the new content goes to a temporary file in the same folder
 * (same file system, so rename is atomic), which then replaces the target. Readers
 * see the old file or the new one, never a half-written one; the target's mode is
 * kept. A read-only target is refused before anything is written.
 */
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Why a write was refused or failed, as one line naming the file. */
export class WriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteError';
  }
}

/** Throws WriteError when `file` exists and must not be rewritten (no write permission bits, or no access). */
export function assertWritable(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return; // a new file: its folder is checked when the temporary file is created
  }
  // Root can write anything; a file with no write bits is still read-only by the user's intent.
  if ((mode & 0o222) === 0) throw new WriteError(`${file} is read-only`);
  try {
    accessSync(file, constants.W_OK);
  } catch {
    throw new WriteError(`${file} is not writable (permission denied)`);
  }
}

/** An open temporary file that becomes `target` on commit(), or vanishes on abort(). */
export class AtomicFile {
  private readonly temp: string;
  private fd: number | null;

  /** Opens a temporary file next to `target`. Throws WriteError when that is impossible. */
  constructor(readonly target: string) {
    assertWritable(target);
    const dir = path.dirname(target);
    this.temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
    let mode = 0o666;
    try {
      mode = statSync(target).mode & 0o7777;
    } catch {
      // new file: default mode, less the umask
    }
    try {
      this.fd = openSync(this.temp, 'wx', mode);
    } catch (error) {
      throw new WriteError(`cannot write ${target}: ${reason(error)}`);
    }
  }

  /** Appends `data` (UTF-8). */
  write(data: string): void {
    if (this.fd === null) throw new Error('write after commit or abort');
    try {
      writeSync(this.fd, data);
    } catch (error) {
      this.abort();
      throw new WriteError(`cannot write ${this.target}: ${reason(error)}`);
    }
  }

  /** Flushes, keeps the target's mode, and renames the temporary file over the target. */
  commit(): void {
    if (this.fd === null) return;
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
      try {
        // openSync applies the umask; restore the exact mode of the file being replaced.
        chmodSync(this.temp, statSync(this.target).mode & 0o7777);
      } catch {
        // no previous file
      }
      renameSync(this.temp, this.target);
    } catch (error) {
      this.abort();
      throw new WriteError(`cannot write ${this.target}: ${reason(error)}`);
    }
  }

  /** Closes and deletes the temporary file; the target is untouched. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // never created or already gone
    }
  }
}

/** Replaces `file`'s content with `data` atomically, keeping its mode. Throws WriteError. */
export function writeFileAtomic(file: string, data: string): void {
  const out = new AtomicFile(file);
  out.write(data);
  out.commit();
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  return (error as Error).message;
}
