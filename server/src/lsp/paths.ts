/**
 * Document URIs <-> file paths for the server. The core wants absolute,
 * '/'-separated paths; only `file:` URIs have one.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The '/'-separated absolute path of a `file:` URI, or null for other schemes. */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return toPosix(fileURLToPath(uri));
  } catch {
    return null;
  }
}

/** The `file:` URI of an absolute path. */
export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** A native path with '/' separators. */
export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** The name teams give their glossary. */
export const GLOSSARY_FILE = '.alignment-terms.yaml';

/** True when `uri` names a house glossary file. */
export function isGlossaryUri(uri: string): boolean {
  return /(?:^|\/)\.alignment-terms\.yaml$/.test(uri.split(/[?#]/)[0]);
}
