/**
 * The lint run: collects the drafts, processes them (in this thread or in workers),
 * streams the report in file order, applies --fix, and decides the exit code:
 * 2 for usage, glossary or write problems; else 1 for error-severity findings or
 * more warnings than --max-warnings; else 0. Under --fix the remaining findings
 * decide it.
 */
import path from 'node:path';
import { DEFAULT_CACHE_LOCATION, ResultCache, SEVERITIES, severityCounts } from './cache';
import { flag, stringList, stringOption, type CommandIO, type OptionValues } from './command';
import { colorsFor } from './color';
import { ConfigError } from './config';
import { UsageError } from './errors';
import { collectFiles } from './files';
import { githubFormatter } from './format/github';
import { jsonFormatter } from './format/json';
import { sarifFormatter } from './format/sarif';
import { stylishFormatter } from './format/stylish';
import { piecesOf, type Formatter, type Totals } from './format/types';
import { VERSION } from './version';
import { openSink } from './output';
import { runPipeline } from './pipeline';
import { createProgress } from './progress';
import type { Job, Outcome, RunSettings } from './task';
import { displayPath } from './paths';

/** Formats `lint` can print. */
export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;

/** Runs `lint` over `paths`; resolves to the exit code. Throws UsageError or ConfigError (exit 2). */
export async function lint(paths: string[], options: OptionValues, io: CommandIO): Promise<number> {
  const format = stringOption(options, 'format') ?? 'stylish';
  if (!(LINT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' for lint; expected ${LINT_FORMATS.join(', ')}`);
  const maxWarnings = parseMaxWarnings(stringOption(options, 'max-warnings'));
  const quiet = flag(options, 'quiet');
  const dryRun = flag(options, 'fix-dry-run');
  if (dryRun && flag(options, 'fix')) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const fix: RunSettings['fix'] = dryRun ? 'dry-run' : flag(options, 'fix') ? 'write' : 'off';
  const pins = parsePins(stringList(options, 'fix-pin'));
  if (pins.length && fix === 'off') throw new UsageError('--fix-pin needs --fix or --fix-dry-run');
  const output = stringOption(options, 'output');
  const cacheLocation = stringOption(options, 'cache-location');
  const cacheDir = flag(options, 'cache') || cacheLocation !== undefined ? path.resolve(io.cwd, cacheLocation ?? DEFAULT_CACHE_LOCATION) : undefined;
  const config = stringOption(options, 'config');

  const files = await collectFiles(paths.length ? paths : ['.'], io.cwd);
  const jobs: Job[] = files.map((absolute, index) => ({ index, absolute, shown: displayPath(absolute, io.cwd) }));
  // Only JSON and SARIF print fixes; no lint format prints occurrences.
  const detail = { diagnostics: true, fixes: format === 'json' || format === 'sarif', occurrences: false };
  const settings: RunSettings = { config: config ? path.resolve(io.cwd, config) : undefined, fix, pins, cacheDir, version: VERSION, detail };

  // Under --fix-dry-run stdout carries the patch alone (so it can be applied); the report goes only to --output.
  const reporting = fix !== 'dry-run' || output !== undefined;
  const colors = colorsFor(options, output === undefined ? io.stdout : undefined, io.env);
  const formatter = createFormatter(format, colors);
  const sink = openSink(io.stdout, reporting ? output : undefined);
  const progress = createProgress(io.stderr, jobs.length, io.env);
  const counts = severityCounts([]);
  let linted = 0;
  let done = 0;
  let changed = 0;
  let writeFailures = 0;

  const emit = (outcome: Outcome) => {
    done++;
    if (outcome.error) throw asError(outcome.error);
    const messages = [...outcome.notices, ...(outcome.writeError ? [outcome.writeError] : [])];
    if (messages.length) {
      progress.clear();
      io.stderr.write(messages.map((m) => `alignment-terms: ${m}\n`).join(''));
    }
    if (outcome.writeError) writeFailures++;
    if (outcome.fixed || outcome.diff) changed++;
    if (outcome.diff) {
      progress.clear();
      io.stdout.write(outcome.diff);
    }
    const result = outcome.result;
    if (result) {
      if (quiet) {
        result.diagnostics = result.diagnostics.filter((d) => d.severity === 'error');
        result.cached = undefined;
      }
      // A cached result knows its counts without parsing its diagnostics.
      const found = result.cached?.counts ?? severityCounts(result.diagnostics);
      for (const severity of SEVERITIES) counts[severity] += found[severity];
      linted++;
      const report = reporting ? formatter.file(result) : '';
      for (const text of piecesOf(report)) {
        if (!text) continue;
        // stdout and stderr are often the same terminal: erase the progress line first.
        if (output === undefined) progress.clear();
        sink.write(text);
      }
      sink.fileDone();
    }
    progress.update(done);
  };

  if (reporting) sink.write(formatter.begin());
  let wroteCache: boolean;
  try {
    ({ wroteCache } = await runPipeline({ settings, jobs, emit }));
  } catch (error) {
    progress.clear();
    sink.abort();
    throw error;
  }
  progress.clear();
  const tooManyWarnings = maxWarnings !== undefined && counts.warning > maxWarnings;
  const totals: Totals = { ...counts, files: linted, maxWarnings, tooManyWarnings };
  if (reporting) sink.write(formatter.end(totals));
  try {
    sink.close();
  } catch (error) {
    throw new UsageError(`--output: ${(error as Error).message}`);
  }
  if (fix === 'write' && changed) io.stderr.write(`alignment-terms: fixed ${changed} file${changed === 1 ? '' : 's'}\n`);
  if (fix === 'dry-run') io.stderr.write(`alignment-terms: ${changed ? `${changed} file${changed === 1 ? '' : 's'} would change` : 'nothing to fix'} (--fix-dry-run: nothing was written)\n`);
  if (cacheDir && wroteCache) new ResultCache(cacheDir, VERSION).prune();
  if (writeFailures) return 2;
  if (counts.error > 0 || tooManyWarnings) return 1;
  return 0;
}

/** Parses --max-warnings: a whole number, else a usage error. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, not '${value}'`);
  return Number(value);
}

/** Parses `--fix-pin term=sense` values; one pin per term. */
export function parsePins(values: string[]): [string, string][] {
  const pins = new Map<string, string>();
  for (const value of values) {
    const m = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(value);
    if (!m) throw new UsageError(`--fix-pin takes term=sense (e.g. inner-alignment=objective-focused), not '${value}'`);
    const previous = pins.get(m[1]);
    if (previous !== undefined && previous !== m[2]) throw new UsageError(`--fix-pin names ${m[1]} twice (${previous} and ${m[2]})`);
    pins.set(m[1], m[2]);
  }
  return [...pins];
}

function createFormatter(format: string, colors: ReturnType<typeof colorsFor>): Formatter {
  switch (format) {
    case 'json':
      return jsonFormatter();
    case 'sarif':
      return sarifFormatter(VERSION);
    case 'github':
      return githubFormatter();
    default:
      return stylishFormatter(colors);
  }
}

/** Turns a worker's serialised error back into what main.ts reports. */
export function asError(error: NonNullable<Outcome['error']>): Error {
  if (error.kind === 'usage') return new UsageError(error.message);
  if (error.kind === 'config') return new ConfigError(error.problems);
  const internal = new Error(error.message);
  if (error.stack) internal.stack = error.stack;
  return internal;
}
