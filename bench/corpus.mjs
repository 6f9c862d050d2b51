#!/usr/bin/env node
/**
 * Builds the benchmark corpus in bench/.corpus/ (gitignored) from the four seed
 * essays in ../shared/seeds (read at run time; they are not in the repository).
 *
 *   node bench/corpus.mjs [--force]
 *
 * Sets: `single` (one ~20 KB draft), `drafts-100` (~2.2 MB in all), `drafts-1000`
 * (~20 MB in all) and `large` (one ~5 MB draft). The output is deterministic (seeded
 * PRNG); a manifest keyed by the seeds' and the generator's hash lets a later run
 * reuse the files instead of writing them again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDraft } from './lib/draft.mjs';
import { createRandom, seedOf } from './lib/prng.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the corpus is written. */
export const CORPUS_DIR = path.join(here, '.corpus');
const SEEDS_DIR = process.env.ALIGNMENT_TERMS_SEEDS ?? path.resolve(here, '..', '..', 'shared', 'seeds');

/** The sets: name, number of drafts, and the range of each draft's length in characters. */
export const SETS = [
  { name: 'single', count: 1, min: 19_500, max: 19_500 },
  { name: 'drafts-100', count: 100, min: 10_100, max: 30_800 },
  { name: 'drafts-1000', count: 1000, min: 9_000, max: 29_000 },
  { name: 'large', count: 1, min: 5_000_000, max: 5_000_000 },
];

/** Thrown when the seeds cannot be read; the message says where they were expected. */
export class SeedsMissing extends Error {}

/**
 * Makes sure the corpus exists and matches the seeds and this generator; writes it
 * if not. Returns `{ dir, sets: { [name]: { files: string[], bytes: number } } }`.
 */
export function ensureCorpus({ force = false, log = () => {} } = {}) {
  const seeds = readSeeds();
  const key = createHash('sha256')
    .update(seeds.map((s) => s.text).join('\0'))
    .update(readFileSync(path.join(here, 'lib', 'draft.mjs')))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  const manifestPath = path.join(CORPUS_DIR, 'manifest.json');
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.key === key) return withPaths(manifest);
  }
  log(`bench: writing the corpus to ${path.relative(process.cwd(), CORPUS_DIR) || CORPUS_DIR} ...`);
  rmSync(CORPUS_DIR, { recursive: true, force: true });
  const pool = buildPool(seeds);
  const manifest = { key, seeds: seeds.map((s) => s.name), sets: {} };
  for (const set of SETS) {
    const dir = path.join(CORPUS_DIR, set.name);
    mkdirSync(dir, { recursive: true });
    const rnd = createRandom(seedOf(set.name));
    const files = [];
    let bytes = 0;
    for (let i = 0; i < set.count; i++) {
      const target = rnd.int(set.min, set.max);
      const title = `${rnd.pick(pool.headings).replace(/[?:.]$/, '')} (draft ${i + 1})`;
      const text = writeDraft(pool, rnd, target, title);
      const name = `draft-${String(i + 1).padStart(4, '0')}.md`;
      writeFileSync(path.join(dir, name), text);
      files.push(name);
      bytes += Buffer.byteLength(text);
    }
    manifest.sets[set.name] = { files, bytes };
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  return withPaths(manifest);
}

function withPaths(manifest) {
  const sets = {};
  for (const [name, set] of Object.entries(manifest.sets)) {
    sets[name] = { files: set.files.map((f) => path.join(CORPUS_DIR, name, f)), bytes: set.bytes };
  }
  return { dir: CORPUS_DIR, sets };
}

function readSeeds() {
  let names;
  try {
    names = readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort();
  } catch {
    names = [];
  }
  if (names.length === 0) {
    throw new SeedsMissing(`bench: the seed essays were not found in ${SEEDS_DIR} (expected the four .txt essays of ../shared/seeds next to the repository). Set ALIGNMENT_TERMS_SEEDS=DIR to point elsewhere.`);
  }
  return names.map((name) => ({ name, text: readFileSync(path.join(SEEDS_DIR, name), 'utf8').replace(/^\uFEFF/, '') }));
}

const SENTENCE_END = /(?<=[.!?”"])\s+(?=[A-Z“"(])/;

/** Splits the seeds into paragraphs, sentences and heading-like lines. */
function buildPool(seeds) {
  const paragraphs = [];
  const headings = [];
  for (const { text } of seeds) {
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length === 1) {
      // One long line (two of the seeds): group its sentences into paragraphs.
      const parts = lines[0].split(SENTENCE_END);
      for (let i = 0; i < parts.length; ) {
        const n = 3 + (i % 4);
        paragraphs.push(parts.slice(i, i + n).join(' '));
        i += n;
      }
      continue;
    }
    for (const line of lines) {
      if (line.length < 80 && !/[.,;]$/.test(line)) headings.push(line);
      else paragraphs.push(line);
    }
  }
  const sentences = paragraphs.flatMap((p) => p.split(SENTENCE_END)).filter((s) => s.length > 20);
  return { paragraphs, sentences, headings };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const corpus = ensureCorpus({ force: process.argv.includes('--force'), log: (m) => console.error(m) });
    for (const [name, set] of Object.entries(corpus.sets)) {
      console.log(`${name.padEnd(12)} ${String(set.files.length).padStart(5)} drafts  ${(set.bytes / 1e6).toFixed(2)} MB`);
    }
  } catch (error) {
    if (!(error instanceof SeedsMissing)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
