/**
 * Reads a draft for the CLI: rejects binary files (NUL bytes) with a reason to
 * print, decodes UTF-8, and flags invalid UTF-8 instead of failing on it. A byte-order
 * mark is set aside (`bom`), as editors and LSP do, so line 1's columns match theirs;
 * whoever writes the draft back puts it in front again.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors';

/** A draft's text, or the reason it was skipped. */
export type Draft = { text: string; bom: boolean; warning?: string } | { skip: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Reads `file` (or takes `bytes`, its content read already). Throws UsageError when the file cannot be read at all. */
export function readDraft(file: string, bytes?: Buffer): Draft {
  try {
    bytes ??= readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (error as Error).message}`);
  }
  if (bytes.subarray(0, 8000).includes(0)) return { skip: 'binary file (contains NUL bytes)' };
  let text: string;
  let warning: string | undefined;
  try {
    text = decoder.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    warning = 'not valid UTF-8; invalid bytes were read as U+FFFD';
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom, ...(warning ? { warning } : {}) };
}
