/** How reports show file paths. */
import path from 'node:path';

/** `absolute` relative to `cwd` with forward slashes, or absolute when outside it. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}
