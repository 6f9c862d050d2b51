/**
 * Finds and loads the house glossary for each draft: `--config FILE` if given, else
 * the nearest .alignment-terms.yaml walking up from the draft's folder to the
 * filesystem root, else the built-in `recommended` preset. Loaded glossaries are
 * cached per file; a broken glossary is a configuration error (exit 2).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { compileRegistry, loadGlossary, loadPreset, type Registry } from '../core';
import type { MergedGlossary } from '../core/glossary/types';
import { ConfigError } from './errors';
import { findRepositoryRoot } from './files';

/** The file name teams use for their glossary. */
export const GLOSSARY_FILE = '.alignment-terms.yaml';

export { ConfigError };

/** A compiled registry and a key that changes whenever any glossary file behind it changes. */
export interface ResolvedRegistry {
  registry: Registry;
  /** 'preset:recommended', or a hash of every glossary file (path and bytes) in the `extends` chain. */
  key: string;
}

/**
 * A glossary already loaded and checked elsewhere (the main thread), as plain data a
 * worker can receive: compiling it again is cheap, while parsing and validating the
 * YAML (presets included) is most of a worker's start-up.
 */
export interface RegistrySeed {
  /** Absolute glossary path, or null for the built-in preset. */
  glossary: string | null;
  key: string;
  merged: MergedGlossary;
}

/** What a run needs to know about a glossary before it must compile it. */
export interface GlossaryLookup {
  /** Cache key: 'preset:recommended', or a hash of every glossary file (path and bytes) in the `extends` chain. */
  key: string;
  /** The glossary's `ignore` globs. */
  ignore: { base: string; glob: string }[];
  /** The compiled registry (compiled on first call). Throws ConfigError for a broken glossary. */
  registry(): Registry;
}

/**
 * Remembers, across runs, which files make up a glossary and what they hash to, so
 * an unchanged glossary's key and ignore globs are known without parsing it (the
 * --cache fast path: nothing to analyse, so nothing to compile). Implemented by the
 * result cache.
 */
export interface GlossaryIndex {
  get(glossary: string): GlossaryIndexEntry | undefined;
  set(glossary: string, entry: GlossaryIndexEntry): void;
}

/** One glossary as last loaded: its files in the order they were read, with their hashes. */
export interface GlossaryIndexEntry {
  files: { path: string; sha: string }[];
  key: string;
  ignore: { base: string; glob: string }[];
}

const PRESET_KEY = 'preset:recommended';
const MISSING = '\u0001missing';

interface Entry {
  key: string;
  ignore: { base: string; glob: string }[];
  merged?: MergedGlossary;
  registry?: Registry;
}

/** Resolves the registry for drafts, caching per glossary file and per folder. */
export class ConfigResolver {
  private readonly byGlossary = new Map<string | null, Entry>();
  private readonly byFolder = new Map<string, string | null>();
  private readonly seeds: Map<string | null, RegistrySeed>;

  /**
   * `explicit` is --config (absolute); `seeds` are glossaries loaded by another
   * thread; `index` lets an unchanged glossary be recognised without loading it.
   */
  constructor(
    private readonly explicit?: string,
    seeds: RegistrySeed[] = [],
    private readonly index?: GlossaryIndex,
  ) {
    if (explicit && !existsSync(explicit)) throw new ConfigError([{ file: explicit, line: 1, column: 1, message: 'cannot read glossary: no such file' }]);
    this.seeds = new Map(seeds.map((s) => [s.glossary, s]));
  }

  /** Compiles every seed now (a worker does this before it reports ready). */
  warm(): void {
    for (const glossary of this.seeds.keys()) this.compiled(glossary, this.entry(glossary));
  }

  /** Every glossary loaded so far, for seeding workers. */
  snapshot(): RegistrySeed[] {
    return [...this.byGlossary].filter(([, e]) => e.merged).map(([glossary, e]) => ({ glossary, key: e.key, merged: e.merged! }));
  }

  /** The registry that applies to `file`. Throws ConfigError for a broken glossary. */
  registryFor(file: string): Registry {
    return this.resolve(file).registry;
  }

  /** The registry that applies to `file` with its cache key. Throws ConfigError for a broken glossary. */
  resolve(file: string): ResolvedRegistry {
    const found = this.lookup(file);
    return { registry: found.registry(), key: found.key };
  }

  /**
   * The glossary that applies to `file`: its key and ignore globs at once (from the
   * index when the glossary's files are unchanged), its registry on demand. Throws
   * ConfigError for a broken glossary.
   */
  lookup(file: string): GlossaryLookup {
    const glossary = this.explicit ? path.resolve(this.explicit) : this.nearestGlossary(path.dirname(file));
    const entry = this.entry(glossary);
    return { key: entry.key, ignore: entry.ignore, registry: () => this.compiled(glossary, entry) };
  }

  private entry(glossary: string | null): Entry {
    let entry = this.byGlossary.get(glossary);
    if (entry) return entry;
    const seed = this.seeds.get(glossary);
    if (seed) entry = { key: seed.key, ignore: seed.merged.ignore, merged: seed.merged };
    else if (!glossary) entry = { key: PRESET_KEY, ignore: [] };
    else entry = this.fromIndex(glossary) ?? this.load(glossary);
    this.byGlossary.set(glossary, entry);
    return entry;
  }

  private compiled(glossary: string | null, entry: Entry): Registry {
    if (entry.registry) return entry.registry;
    if (!entry.merged) {
      // Known from the index or the preset key only: load it for real now.
      const loaded = glossary ? this.load(glossary) : loadPresetEntry();
      entry.merged = loaded.merged;
      entry.registry = loaded.registry;
    }
    entry.registry ??= compileRegistry(entry.merged!).registry;
    return entry.registry;
  }

  /** The index's entry for `glossary` when every file it was made from still has the same bytes. */
  private fromIndex(glossary: string): Entry | undefined {
    const known = this.index?.get(glossary);
    if (!known) return undefined;
    for (const file of known.files) if (sha(readOrMissing(file.path)) !== file.sha) return undefined;
    return { key: known.key, ignore: known.ignore };
  }

  private load(glossary: string): Entry {
    const hash = createHash('sha256');
    const files: GlossaryIndexEntry['files'] = [];
    const host = {
      readFile: (p: string) => {
        const text = readOrMissing(p);
        hash.update(`${p}\0${text}\0`);
        files.push({ path: p, sha: sha(text) });
        return text === MISSING ? undefined : text;
      },
    };
    const boundary = findRepositoryRoot(path.dirname(glossary));
    const loaded = loadGlossary(host, toPosix(glossary), { boundary: toPosix(boundary) });
    const compiled = compileRegistry(loaded.glossary);
    const problems = [...loaded.problems, ...compiled.problems];
    if (problems.length) throw new ConfigError(problems);
    const entry: Entry = { key: `glossary:${hash.digest('hex')}`, ignore: loaded.glossary.ignore, merged: loaded.glossary, registry: compiled.registry };
    this.index?.set(glossary, { files, key: entry.key, ignore: entry.ignore });
    return entry;
  }

  /** True when the glossary's `ignore` globs cover `file` (pass a Registry or a GlossaryLookup). */
  isIgnored(file: string, glossary: { ignore: { base: string; glob: string }[] }): boolean {
    for (const { base, glob } of glossary.ignore) {
      const relative = path.relative(base, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      if (ignore().add(glob).ignores(relative.split(path.sep).join('/'))) return true;
    }
    return false;
  }

  private nearestGlossary(dir: string): string | null {
    const cached = this.byFolder.get(dir);
    if (cached !== undefined) return cached;
    const candidate = path.join(dir, GLOSSARY_FILE);
    const parent = path.dirname(dir);
    const found = existsSync(candidate) ? candidate : parent === dir ? null : this.nearestGlossary(parent);
    this.byFolder.set(dir, found);
    return found;
  }
}

/** The built-in preset, loaded and compiled (its problems would be a bug in the shipped data). */
function loadPresetEntry(): Entry {
  const loaded = loadPreset('recommended');
  const compiled = compileRegistry(loaded.glossary);
  const problems = [...loaded.problems, ...compiled.problems];
  if (problems.length) throw new Error(`the built-in preset is invalid: ${problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('; ')}`);
  return { key: PRESET_KEY, ignore: [], merged: loaded.glossary, registry: compiled.registry };
}

function readOrMissing(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return MISSING;
  }
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
