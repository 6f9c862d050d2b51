/**
 * Turns the paths and globs on the command line into the Markdown files to lint.
 * Directories are walked for *.md / *.markdown, skipping .gitignored paths,
 * node_modules and .git, and never following a symbolic link into a loop. A file
 * named explicitly is always linted. A missing path or a glob that matches nothing
 * is a usage error.
 */
import { existsSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './errors';

const MARKDOWN = /\.(?:md|markdown)$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** Absolute paths of the files to lint, in a stable order, without duplicates. */
export async function collectFiles(args: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  const gitignore = new GitIgnore(findRepositoryRoot(cwd));
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    if (existsSync(absolute)) {
      const stat = statSync(absolute);
      if (stat.isDirectory()) walk(absolute, gitignore, found, new Set());
      else found.add(absolute);
      continue;
    }
    if (isDynamicPattern(arg)) {
      let matches: string[];
      try {
        matches = await glob(arg, { cwd, absolute: true, dot: false, ignore: ['**/node_modules/**', '**/.git/**'] });
      } catch (error) {
        throw new UsageError(`invalid glob '${arg}': ${(error as Error).message}`);
      }
      const files = matches.filter((f) => MARKDOWN.test(f) && !gitignore.ignores(f));
      if (files.length === 0) throw new UsageError(`no Markdown files match '${arg}'`);
      for (const f of files) found.add(path.resolve(f));
      continue;
    }
    throw new UsageError(`no such file or directory: ${arg}`);
  }
  return [...found].sort();
}

function walk(dir: string, gitignore: GitIgnore, found: Set<string>, visited: Set<string>): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (visited.has(real)) return; // a symbolic link back into a folder already walked
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = statSync(full);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (gitignore.ignores(full, isDir)) continue;
    if (isDir) walk(full, gitignore, found, visited);
    else if (isFile && MARKDOWN.test(entry.name)) found.add(full);
  }
}

/** The nearest folder above `start` that holds a .git entry, else `start`. */
export function findRepositoryRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** .gitignore rules from the repository root down to each folder, read once per folder. */
class GitIgnore {
  private readonly perFolder = new Map<string, Ignore | null>();

  constructor(private readonly root: string) {}

  ignores(file: string, isDir = false): boolean {
    if (!file.startsWith(this.root + path.sep)) return false;
    let dir = path.dirname(file);
    const chain: string[] = [];
    while (dir.startsWith(this.root)) {
      chain.push(dir);
      if (dir === this.root) break;
      dir = path.dirname(dir);
    }
    for (const folder of chain) {
      const rules = this.rules(folder);
      if (!rules) continue;
      const relative = path.relative(folder, file).split(path.sep).join('/');
      if (rules.ignores(isDir ? `${relative}/` : relative)) return true;
    }
    return false;
  }

  private rules(folder: string): Ignore | null {
    if (!this.perFolder.has(folder)) {
      let rules: Ignore | null = null;
      try {
        rules = ignore().add(readFileSync(path.join(folder, '.gitignore'), 'utf8'));
      } catch {
        rules = null;
      }
      this.perFolder.set(folder, rules);
    }
    return this.perFolder.get(folder)!;
  }
}
