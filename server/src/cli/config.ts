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
import type { ConfigProblem } from '../core/types';
import { findRepositoryRoot } from './files';

/** The file name teams use for their glossary. */
export const GLOSSARY_FILE = '.alignment-terms.yaml';

/** A glossary that could not be used, with every problem in it. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

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

const PRESET_KEY = 'preset:recommended';

/** Resolves the registry for drafts, caching per glossary file and per folder. */
export class ConfigResolver {
  private readonly byGlossary = new Map<string | null, ResolvedRegistry & { merged: MergedGlossary }>();
  private readonly byFolder = new Map<string, string | null>();
  private readonly seeds: Map<string | null, RegistrySeed>;

  /** `explicit` is --config (absolute); `seeds` are glossaries loaded by another thread. */
  constructor(
    private readonly explicit?: string,
    seeds: RegistrySeed[] = [],
  ) {
    if (explicit && !existsSync(explicit)) throw new ConfigError([{ file: explicit, line: 1, column: 1, message: 'cannot read glossary: no such file' }]);
    this.seeds = new Map(seeds.map((s) => [s.glossary, s]));
  }

  /** Compiles every seed now (a worker does this before it reports ready). */
  warm(): void {
    for (const [glossary, seed] of this.seeds) {
      if (!this.byGlossary.has(glossary)) this.byGlossary.set(glossary, { registry: compileRegistry(seed.merged).registry, key: seed.key, merged: seed.merged });
    }
  }

  /** Every glossary resolved so far, for seeding workers. */
  snapshot(): RegistrySeed[] {
    return [...this.byGlossary].map(([glossary, r]) => ({ glossary, key: r.key, merged: r.merged }));
  }

  /** The registry that applies to `file`. Throws ConfigError for a broken glossary. */
  registryFor(file: string): Registry {
    return this.resolve(file).registry;
  }

  /** The registry that applies to `file` with its cache key. Throws ConfigError for a broken glossary. */
  resolve(file: string): ResolvedRegistry {
    const glossary = this.explicit ? path.resolve(this.explicit) : this.nearestGlossary(path.dirname(file));
    let resolved = this.byGlossary.get(glossary);
    if (resolved) return resolved;
    const seed = this.seeds.get(glossary);
    if (seed) {
      resolved = { registry: compileRegistry(seed.merged).registry, key: seed.key, merged: seed.merged };
    } else if (!glossary) {
      const loaded = loadPreset('recommended');
      const compiled = compileRegistry(loaded.glossary);
      const problems = [...loaded.problems, ...compiled.problems];
      if (problems.length) throw new Error(`the built-in preset is invalid: ${problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('; ')}`);
      resolved = { registry: compiled.registry, key: PRESET_KEY, merged: loaded.glossary };
    } else {
      const hash = createHash('sha256');
      const host = {
        readFile: (p: string) => {
          const text = existsSync(p) ? readFileSync(p, 'utf8') : undefined;
          hash.update(`${p}\0${text ?? '\u0001missing'}\0`);
          return text;
        },
      };
      const boundary = findRepositoryRoot(path.dirname(glossary));
      const loaded = loadGlossary(host, toPosix(glossary), { boundary: toPosix(boundary) });
      const compiled = compileRegistry(loaded.glossary);
      const problems = [...loaded.problems, ...compiled.problems];
      if (problems.length) throw new ConfigError(problems);
      resolved = { registry: compiled.registry, key: `glossary:${hash.digest('hex')}`, merged: loaded.glossary };
    }
    this.byGlossary.set(glossary, resolved);
    return resolved;
  }

  /** True when the glossary's `ignore` globs cover `file`. */
  isIgnored(file: string, registry: Registry): boolean {
    for (const { base, glob } of registry.ignore) {
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

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
