/**
 * The workload bench/profile.mjs profiles: the engine (or the bare parse) over one
 * corpus set, after a warm-up pass, so the profile shows steady-state work.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureCorpus } from '../corpus.mjs';
import { BUILD_DIR } from './build.mjs';

const require = createRequire(import.meta.url);
const engine = require(path.join(BUILD_DIR, 'engine.cjs'));
const bare = require(path.join(BUILD_DIR, 'bare.cjs'));
const registry = engine.presetRegistry();
const [set, mode] = process.argv.slice(2);
const files = ensureCorpus().sets[set]?.files;
if (!files) {
  console.error(`bench: unknown set '${set}'`);
  process.exit(2);
}
const texts = files.map((f) => readFileSync(f, 'utf8'));
const passes = texts.length === 1 && set === 'single' ? 100 : texts.length < 1000 ? 3 : 1;

function incremental(text) {
  // Typing at the end of a middle line: the per-keystroke work of the editor.
  let previous = engine.analyzeIncremental(text, registry);
  const at = text.indexOf('\n', text.length >> 1);
  for (let i = 0; i < 50; i++) {
    text = `${text.slice(0, at)}${'x'.repeat(i % 2)}${text.slice(at)}`;
    previous = engine.analyzeIncremental(text, registry, previous);
  }
}

const work = mode === 'bare' ? (t) => bare.parse(t) : mode === 'incremental' ? incremental : (t) => engine.analyze(t, registry);
for (const t of texts.slice(0, 50)) work(t);
for (let p = 0; p < passes; p++) for (const t of texts) work(t);
