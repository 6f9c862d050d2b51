/**
 * `alignment-terms init`: writes a commented starter glossary, .alignment-terms.yaml,
 * in the current folder. Never overwrites one (exit 2 and a clear message). When a
 * folder above, inside the same repository, already has a glossary, the new one
 * extends it, so the house pins and rules keep applying below this folder.
 */
// Node's own modules are imported statically: a dynamic import() of one fails under the
// CLI's code cache (bin/load-bundle.js); only our own modules are loaded lazily.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command, CommandIO } from '../command';
import { UsageError } from '../errors';

/** The init command. */
export const initCommand: Command = {
  name: 'init',
  summary: 'write a commented starter glossary (.alignment-terms.yaml) in this folder',
  usage: 'init',
  run: (args, _options, io) => init(args, io),
};

async function init(args: string[], io: CommandIO): Promise<number> {
  if (args.length) throw new UsageError(`init takes no arguments; it writes .alignment-terms.yaml in the current folder (got ${JSON.stringify(args[0])})`);
  const [{ GLOSSARY_FILE }, { findRepositoryRoot }, { starterGlossary }] = await Promise.all([
    import('../config'),
    import('../files'),
    import('../../core/glossary/starter'),
  ]);
  const target = path.join(io.cwd, GLOSSARY_FILE);
  if (existsSync(target)) throw new UsageError(`${GLOSSARY_FILE} already exists in ${io.cwd}; not overwriting it (edit it, or delete it first)`);
  const parent = glossaryAbove(io.cwd, findRepositoryRoot(io.cwd), GLOSSARY_FILE, existsSync);
  const extendsPath = parent ? path.relative(io.cwd, parent).split(path.sep).join('/') : undefined;
  try {
    // 'wx': fail rather than overwrite a glossary created since the check above.
    writeFileSync(target, starterGlossary(extendsPath), { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${GLOSSARY_FILE} already exists in ${io.cwd}; not overwriting it`);
    throw new UsageError(`cannot write ${target}: ${(error as Error).message}`);
  }
  io.stdout.write(
    `Wrote ${GLOSSARY_FILE}${extendsPath ? ` (it extends ${extendsPath}, the glossary of the folder above)` : ''}.\n` +
      `Uncomment what your house needs; 'alignment-terms --print-config FILE' shows what applies to a draft.\n`,
  );
  if (!parent) {
    // A glossary above, outside the repository, applied here until now: say that this one replaces it.
    const outer = glossaryAbove(io.cwd, path.parse(io.cwd).root, GLOSSARY_FILE, existsSync);
    if (outer) io.stderr.write(`alignment-terms: note: drafts here used ${outer} until now; the new glossary replaces it (it cannot extend a file outside the repository)\n`);
  }
  return 0;
}

/** The nearest glossary in a folder above `dir`, up to the repository root. */
function glossaryAbove(dir: string, root: string, name: string, exists: (p: string) => boolean): string | null {
  let folder = path.dirname(dir);
  const inside = (p: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  while (dir !== root && inside(folder)) {
    const candidate = path.join(folder, name);
    if (exists(candidate)) return candidate;
    if (folder === root) break;
    const up = path.dirname(folder);
    if (up === folder) break;
    folder = up;
  }
  return null;
}
