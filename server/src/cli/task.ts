/**
 * The work done for one draft, the same in the main thread and in a worker: find
 * its glossary, skip it if the glossary ignores it, read it, answer from the cache
 * or analyse it, and under --fix apply and write (or diff) the safe fixes. Returns
 * plain, structured-clonable data; user-facing problems come back as `error`
 * instead of being thrown, so a worker can hand them to the main thread.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { analyze, type Analysis, type Registry } from '../core';
import type { ConfigProblem } from '../core/types';
import { writeFileAtomic, WriteError } from './atomic';
import { ResultCache, type CachedResult } from './cache';
import { ConfigError, ConfigResolver, type RegistrySeed } from './config';
import { UsageError } from './errors';
import { closest } from '../core/suggest';
import { fixText, hasFixes } from './fix';
import { readDraft } from './read';
import { cachedFileResult, fileResult, withDetail, FULL_DETAIL, type Detail, type DiagnosticResult, type FileResult } from './results';

/** Settings shared by every file of a run (sent once to each worker). */
export interface RunSettings {
  /** Absolute path of --config, if given. */
  config?: string;
  /** 'off', apply and write ('write'), or compute a diff only ('dry-run'). */
  fix: 'off' | 'write' | 'dry-run';
  /** --fix-pin requests as [term, sense] pairs. */
  pins: [string, string][];
  /** Absolute cache folder when --cache is on. */
  cacheDir?: string;
  /** Tool version, part of every cache key. */
  version: string;
  /** What the report prints (default: everything). */
  detail?: Detail;
}

/** One file to process; `index` is its place in the sorted file list. */
export interface Job {
  index: number;
  absolute: string;
  /** The path as reports show it (relative to the working folder when inside it). */
  shown: string;
}

/** What processing one file produced. */
export interface Outcome {
  index: number;
  /** Undefined when the glossary's `ignore` covers the file. */
  result?: FileResult;
  /** Lines for stderr, without the program prefix (skips, decoding warnings, cache problems). */
  notices: string[];
  /** --fix-dry-run: the unified diff of the fixes (absent when there is nothing to fix). */
  diff?: string;
  /** --fix: the file was rewritten. */
  fixed?: boolean;
  /** --fix: the fixes could not be written (the file is untouched); exit code 2. */
  writeError?: string;
  /** The draft was analysed (not answered from the cache, ignored or skipped). */
  analysed?: boolean;
  /** A usage or glossary problem that stops the run (exit code 2), or a bug. */
  error?: { kind: 'usage'; message: string } | { kind: 'config'; problems: ConfigProblem[] } | { kind: 'internal'; message: string; stack?: string };
}

/** Processes files one at a time with shared glossary and cache state. */
export class FileProcessor {
  private readonly resolver: ConfigResolver;
  private readonly cache?: ResultCache;
  private readonly pins: Map<string, string>;
  private readonly checkedPins = new WeakSet<Registry>();
  private cacheWarned = false;
  /** True once this processor wrote a cache entry (the run then prunes old ones). */
  wroteCache = false;

  /** Throws ConfigError when --config names a missing file. `seeds`: glossaries another thread already loaded. */
  constructor(
    private readonly settings: RunSettings,
    seeds: RegistrySeed[] = [],
  ) {
    this.cache = settings.cacheDir ? new ResultCache(settings.cacheDir, settings.version) : undefined;
    this.resolver = new ConfigResolver(settings.config, seeds, this.cache?.glossaryIndex());
    this.pins = new Map(settings.pins);
  }

  /** Loads the glossary for `job` ahead of time; a broken one is left for process() to report. */
  prime(job: Job): void {
    try {
      this.resolver.resolve(job.absolute);
    } catch {
      // process() reports it, in order
    }
  }

  /** Compiles the seeded glossaries now rather than on the first file. */
  warm(): void {
    this.resolver.warm();
  }

  /** The glossaries loaded so far, to seed workers with. */
  seeds(): RegistrySeed[] {
    return this.resolver.snapshot();
  }

  /** Processes one file (`bytes`: its content, when already read); never throws. */
  process(job: Job, bytes?: Buffer): Outcome {
    const notices: string[] = [];
    const state = { analysed: false };
    try {
      const outcome = this.run(job, notices, state, bytes);
      return { index: job.index, notices, ...(state.analysed ? { analysed: true } : {}), ...outcome };
    } catch (error) {
      if (error instanceof UsageError) return { index: job.index, notices, error: { kind: 'usage', message: error.message } };
      if (error instanceof ConfigError) return { index: job.index, notices, error: { kind: 'config', problems: error.problems } };
      return { index: job.index, notices, error: { kind: 'internal', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack } };
    }
  }

  private run(job: Job, notices: string[], state: { analysed: boolean }, bytes: Buffer | undefined): Omit<Outcome, 'index' | 'notices'> {
    // The registry is compiled only when something must be analysed: a fully cached run never parses a glossary.
    const glossary = this.resolver.lookup(job.absolute);
    const registryKey = glossary.key;
    if (this.resolver.isIgnored(job.absolute, glossary)) return {};
    if (this.pins.size) this.checkPins(glossary.registry());
    const draft = readDraft(job.absolute, bytes);
    if ('skip' in draft) {
      notices.push(`skipped ${job.shown}: ${draft.skip}`);
      return { result: { file: job.shown, absolute: job.absolute, diagnostics: [], occurrences: [], skipped: draft.skip } };
    }
    if (draft.warning) notices.push(`${job.shown}: ${draft.warning}`);
    const fixing = this.settings.fix !== 'off';
    const detail = this.settings.detail ?? FULL_DETAIL;
    // Cache entries always hold everything, so any later format can use them.
    const built = this.cache ? FULL_DETAIL : detail;
    const make = (analysis: Analysis) => fileResult(job.shown, job.absolute, analysis, built);
    const key = this.cache?.key(draft.text, registryKey);
    const cached = key ? this.cache!.get(key) : undefined;
    if (cached && !(fixing && hasFixes(JSON.parse(cached.diagnosticsJson) as DiagnosticResult[], this.pins))) return { result: cachedFileResult(job.shown, job.absolute, cached, detail) };

    const registry = glossary.registry();
    state.analysed = true;
    const analysis = analyze(draft.text, registry);
    if (!fixing || !hasFixes(analysis.findings, this.pins)) {
      const result = make(analysis);
      this.store(key, result, notices);
      return { result: withDetail(result, detail) };
    }
    if (draft.warning) {
      // Writing back a lossily decoded file would replace its invalid bytes for good.
      notices.push(`not fixed ${job.shown}: it is not valid UTF-8`);
      return { result: withDetail(make(analysis), detail) };
    }
    const fixed = fixText(draft.text, registry, this.pins, analysis);
    const result = make(fixed.analysis);
    if (fixed.text === draft.text) {
      this.store(key, result, notices);
      return { result: withDetail(result, detail) };
    }
    if (this.settings.fix === 'dry-run') {
      return { result: withDetail(result, detail), diff: createTwoFilesPatch(`a/${job.shown}`, `b/${job.shown}`, draft.text, fixed.text, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }) };
    }
    try {
      writeFileAtomic(job.absolute, draft.bom ? `\uFEFF${fixed.text}` : fixed.text);
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      // Report the findings of the file as it still is on disk.
      return { result: withDetail(make(analysis), detail), writeError: `cannot fix ${job.shown}: ${error.message.replace(job.absolute, 'the file')}; it was left unchanged` };
    }
    this.store(this.cache?.key(fixed.text, registryKey), result, notices);
    return { result: withDetail(result, detail), fixed: true };
  }

  /** Rejects a --fix-pin whose term or sense this file's glossary does not know. */
  private checkPins(registry: Registry): void {
    if (this.checkedPins.has(registry)) return;
    for (const [termId, senseId] of this.pins) {
      const term = registry.terms.get(termId);
      if (!term) {
        const hint = closest(termId, registry.terms.keys());
        throw new UsageError(`--fix-pin ${termId}=${senseId}: unknown term '${termId}'${hint ? `; did you mean '${hint}'?` : ''}`);
      }
      if (!term.senses.some((s) => s.id === senseId)) {
        throw new UsageError(`--fix-pin ${termId}=${senseId}: ${termId} has no sense '${senseId}'; its senses are ${term.senses.map((s) => s.id).join(', ')}`);
      }
    }
    this.checkedPins.add(registry);
  }

  private store(key: string | undefined, result: FileResult, notices: string[]): void {
    if (!key || !this.cache) return;
    const entry: CachedResult = { diagnostics: result.diagnostics, occurrences: result.occurrences };
    const warning = this.cache.set(key, entry);
    if (warning && !this.cacheWarned) {
      this.cacheWarned = true;
      notices.push(warning);
    }
    if (!warning) this.wroteCache = true;
  }
}
