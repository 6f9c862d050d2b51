/**
 * `alignment-terms --print-config FILE` (as in ESLint; also `print-config FILE`):
 * the glossary that applies to a draft, resolved: which files it came from, the
 * house pins and where each was set, every rule's effective severity, the terms
 * and sources the house added or changed, the avoid list and the ignore globs. YAML
 * by default (the glossary's own format), or --format json. Reads, never writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringOption, type Command, type CommandIO, type OptionValues } from '../command';
import { UsageError } from '../errors';

/** The print-config command. */
export const printConfigCommand: Command = {
  name: 'print-config',
  summary: 'print the glossary that applies to a draft, resolved (YAML or --format json)',
  usage: '--print-config FILE',
  trigger: 'print-config',
  options: {
    'print-config': { type: 'string', value: 'FILE', description: 'print the resolved glossary for FILE and exit' },
  },
  run: printConfig,
};

async function printConfig(args: string[], options: OptionValues, io: CommandIO): Promise<number> {
  // `alignment-terms lint --print-config FILE` works too: the command word is not a draft.
  const rest = args[0] === 'lint' ? args.slice(1) : args;
  const target = stringOption(options, 'print-config') ?? rest[0];
  if (target === undefined || target === '') throw new UsageError('--print-config takes a draft, e.g. alignment-terms --print-config docs/post.md');
  if (rest.length > (stringOption(options, 'print-config') === undefined ? 1 : 0)) {
    throw new UsageError(`--print-config prints the glossary of one draft; remove ${JSON.stringify(rest[rest.length - 1])}`);
  }
  const format = stringOption(options, 'format') ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`unknown format '${format}' for --print-config; expected yaml or json`);

  const [{ compileRegistry, loadGlossary, loadPreset }, { ConfigError, ConfigResolver }, { findRepositoryRoot }, { resolvedGlossary }] = await Promise.all([
    import('../../core'),
    import('../config'),
    import('../files'),
    import('../../core/glossary/resolved'),
  ]);
  const file = path.resolve(io.cwd, target);
  const config = stringOption(options, 'config');
  const resolver = new ConfigResolver(config ? path.resolve(io.cwd, config) : undefined);
  // The same discovery and validation as lint (a broken glossary is exit 2 here too).
  const registry = resolver.registryFor(file);
  const glossaryFile = registry.files.length ? fromPosix(registry.files[registry.files.length - 1]) : null;
  let loaded;
  if (glossaryFile) {
    const host = { readFile: (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) };
    const boundary = findRepositoryRoot(path.dirname(glossaryFile));
    loaded = loadGlossary(host, toPosix(glossaryFile), { boundary: toPosix(boundary) });
    const problems = [...loaded.problems, ...compileRegistry(loaded.glossary).problems];
    if (problems.length) throw new ConfigError(problems);
  } else {
    loaded = loadPreset('recommended');
  }
  const shown = (p: string) => (p.startsWith('<built-in:') ? p : displayPath(fromPosix(p), io.cwd));
  const resolved = resolvedGlossary(loaded, registry, {
    draft: displayPath(file, io.cwd),
    ignored: resolver.isIgnored(file, registry),
    show: shown,
  });
  io.stdout.write(format === 'json' ? `${JSON.stringify(resolved.data, null, 2)}\n` : resolved.yaml());
  return 0;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function fromPosix(p: string): string {
  return p.split('/').join(path.sep);
}

/** A path relative to the working folder when inside it, '/'-separated. */
function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? toPosix(absolute) : toPosix(relative);
}
