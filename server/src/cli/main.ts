/**
 * The command line: `alignment-terms lint|occurrences|explain`. Exit codes: 0 clean,
 * 1 error-severity findings (or more warnings than --max-warnings), 2 usage or
 * configuration error. Problems with the call or a glossary are one clear message on
 * stderr, never a stack trace. Never writes to a user's file.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { analyze } from '../core';
import { ConfigError, ConfigResolver } from './config';
import { UsageError } from './errors';
import { explain } from './explain';
import { collectFiles } from './files';
import { fileResult, type FileResult } from './results';
import { stylishFile, stylishSummary } from './format/stylish';
import { readDraft } from './read';

const HELP = `Usage: alignment-terms <command> [options] [paths or globs ...]

Commands:
  lint [paths...]          report contested terms whose sense the draft never settles
  occurrences [paths...]   list every term occurrence with its status (--format json)
  explain TERM             print every sense of a term, with its sources

Options:
  -f, --format FORMAT      lint: stylish (default) or json; occurrences: json
  -c, --config FILE        use this glossary instead of the nearest .alignment-terms.yaml
      --quiet              report errors only
      --max-warnings N     exit 1 when there are more than N warnings
      --color, --no-color  force colours on or off (default: on for a terminal)
  -h, --help               show this help
  -v, --version            show the version

Paths default to the current folder. Folders are searched for *.md and *.markdown,
skipping what .gitignore and the glossary's "ignore" list exclude.
Exit codes: 0 clean, 1 error-severity findings or too many warnings, 2 usage or configuration error.
`;

const VERSION = '0.1.0';

interface Options {
  format?: string;
  config?: string;
  quiet?: boolean;
  'max-warnings'?: string;
  color?: boolean;
  'no-color'?: boolean;
  help?: boolean;
  version?: boolean;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        quiet: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr.write(`alignment-terms: ${(error as Error).message.split('\n')[0]}\nRun 'alignment-terms --help' for usage.\n`);
    return 2;
  }
  const options = parsed.values as Options;
  const [command, ...paths] = parsed.positionals;
  if (options.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const colorEnabled = options['no-color'] ? false : options.color ? true : !!(io.stdout as NodeJS.WriteStream).isTTY && !process.env.NO_COLOR;
  const colors = pc.createColors(colorEnabled);
  try {
    switch (command) {
      case 'lint':
        return await lint(paths, options, io, colors);
      case 'occurrences':
        return await occurrences(paths, options, io);
      case 'explain':
        return explain(paths, options, io, colors);
      case undefined:
        io.stderr.write(HELP);
        return 2;
      default:
        throw new UsageError(`unknown command '${command}'; expected lint, occurrences or explain`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`alignment-terms: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`alignment-terms: the glossary has problems:\n${error.problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}\n`);
      return 2;
    }
    throw error;
  }
}

type IO = Parameters<typeof run>[1] & {};

async function analyseFiles(paths: string[], options: Options, io: IO, each: (result: FileResult) => void): Promise<void> {
  const files = await collectFiles(paths.length ? paths : ['.'], io.cwd);
  const resolver = new ConfigResolver(options.config ? path.resolve(io.cwd, options.config) : undefined);
  for (const absolute of files) {
    const registry = resolver.registryFor(absolute);
    if (resolver.isIgnored(absolute, registry)) continue;
    const shown = displayPath(absolute, io.cwd);
    const draft = readDraft(absolute);
    if ('skip' in draft) {
      io.stderr.write(`alignment-terms: skipped ${shown}: ${draft.skip}\n`);
      each({ file: shown, absolute, diagnostics: [], occurrences: [], skipped: draft.skip });
      continue;
    }
    if (draft.warning) io.stderr.write(`alignment-terms: ${shown}: ${draft.warning}\n`);
    each(fileResult(shown, absolute, analyze(draft.text, registry)));
  }
}

async function lint(paths: string[], options: Options, io: IO, colors: ReturnType<typeof pc.createColors>): Promise<number> {
  const format = options.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError(`unknown format '${format}' for lint; expected stylish or json`);
  const maxWarnings = parseMaxWarnings(options['max-warnings']);
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const json: { file: string; diagnostics: FileResult['diagnostics'] }[] = [];
  await analyseFiles(paths, options, io, (result) => {
    if (options.quiet) result.diagnostics = result.diagnostics.filter((d) => d.severity === 'error');
    for (const d of result.diagnostics) counts[d.severity as keyof typeof counts]++;
    if (format === 'json') json.push({ file: result.file, diagnostics: result.diagnostics });
    else io.stdout.write(stylishFile(result, colors));
  });
  if (format === 'json') io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else io.stdout.write(stylishSummary(counts, colors));
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    if (format === 'stylish') io.stdout.write(colors.red(`alignment-terms found too many warnings (maximum: ${maxWarnings}).\n`));
    return 1;
  }
  return 0;
}

async function occurrences(paths: string[], options: Options, io: IO): Promise<number> {
  const format = options.format ?? 'json';
  if (format !== 'json') throw new UsageError(`unknown format '${format}' for occurrences; expected json`);
  const out: { file: string; occurrences: FileResult['occurrences'] }[] = [];
  await analyseFiles(paths, options, io, (result) => out.push({ file: result.file, occurrences: result.occurrences }));
  io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, not '${value}'`);
  return Number(value);
}

function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}
