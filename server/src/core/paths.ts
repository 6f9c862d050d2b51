/**
 * Path arithmetic on '/'-separated paths, so the core needs no Node modules. Hosts
 * hand the core absolute paths with forward slashes (Windows drive letters kept).
 */

/** The folder part of a path ("/a/b/c.md" -> "/a/b"). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return path.slice(0, i);
}

/** Joins `relative` onto folder `base` and removes "." and ".." segments. */
export function resolvePath(base: string, relative: string): string {
  const joined = relative.startsWith('/') || /^[A-Za-z]:\//.test(relative) ? relative : `${base}/${relative}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') {
      if (out.length === 0 && part === '') out.push('');
      continue;
    }
    if (part === '..') {
      if (out.length > 1 || (out.length === 1 && out[0] !== '')) out.pop();
      continue;
    }
    out.push(part);
  }
  const result = out.join('/');
  return result === '' ? '/' : result;
}

/** True when `path` is `folder` or lies below it. */
export function isInside(path: string, folder: string): boolean {
  if (folder === '/' ) return path.startsWith('/');
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

/** `path` relative to `folder` (which must contain it), with '/' separators. */
export function relativeTo(folder: string, path: string): string {
  if (path === folder) return '';
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
