/**
 * Atomic file writes: the new content goes to a temporary file in the same folder
 * (same file system, so rename is atomic), which then replaces the target. Readers
 * see the old file or the new one, never a half-written one; the target's mode (and,
 * when running as root, its owner) is kept, and a symbolic link is written through,
 * not replaced. A read-only target is refused before anything is written. (Like
 * every rename-based writer, it gives a hard-linked file its own copy.)
 */
import { accessSync, chmodSync, chownSync, closeSync, constants, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
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
  private readonly real: string;
  private fd: number | null;

  /** Opens a temporary file next to `target` (or next to the file it links to). Throws WriteError when that is impossible. */
  constructor(readonly target: string) {
    assertWritable(target);
    let real = target;
    try {
      real = realpathSync(target);
    } catch {
      // a new file
    }
    this.real = real;
    const dir = path.dirname(real);
    this.temp = path.join(dir, `.${path.basename(real)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
    let mode = 0o666;
    try {
      mode = statSync(real).mode & 0o7777;
    } catch {
      // new file: default mode, less the umask
    }
    try {
      this.fd = openSync(this.temp, 'wx', mode);
    } catch (error) {
      throw new WriteError(`cannot write ${target}: ${reason(error)}`);
    }
  }

  /** Appends `data` (a string is written as UTF-8). */
  write(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error('write after commit or abort');
    try {
      if (typeof data === 'string') writeSync(this.fd, data);
      else for (let done = 0; done < data.length; ) done += writeSync(this.fd, data, done);
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
      let previous: ReturnType<typeof statSync> | undefined;
      try {
        previous = statSync(this.real);
      } catch {
        // no previous file
      }
      if (previous) {
        // openSync applies the umask; restore the exact mode of the file being replaced.
        chmodSync(this.temp, Number(previous.mode) & 0o7777);
        if (process.getuid?.() === 0) {
          try {
            chownSync(this.temp, Number(previous.uid), Number(previous.gid));
          } catch {
            // a file system without owners
          }
        }
      }
      renameSync(this.temp, this.real);
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
