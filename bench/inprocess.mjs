#!/usr/bin/env node
/**
 * In-process measurements, one case per process (run.mjs starts it with --expose-gc
 * and reads one JSON object from stdout). Not meant to be run by hand, but it can be:
 *
 *   node --expose-gc bench/inprocess.mjs time SET          bare parse / analysis / matching, alternated
 *   node bench/inprocess.mjs memory SET read|bare|analysis peak RSS of one pass, one file at a time
 *   node --expose-gc bench/inprocess.mjs keystroke SET N   re-analysis after N one-line edits
 *   node --expose-gc bench/inprocess.mjs lookups           hover / code-action lookups from a cached analysis
 *
 * SET is a corpus set name (bench/corpus.mjs). Expects bench/.build/{engine,bare}.cjs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureCorpus } from './corpus.mjs';
import { BUILD_DIR } from './lib/build.mjs';
import { createRandom } from './lib/prng.mjs';

const require = createRequire(import.meta.url);
const engine = require(path.join(BUILD_DIR, 'engine.cjs'));
const bare = require(path.join(BUILD_DIR, 'bare.cjs'));
const registry = engine.presetRegistry();
// A bundle that lost its presets would measure an engine with nothing to find.
if (registry.formToTerm.size === 0) throw new Error('the registry in bench/.build/engine.cjs has no term forms: the presets were not embedded');
const gc = globalThis.gc ?? (() => {});

/** How many alternated passes each set gets after its warm-up. */
const PLAN = {
  single: { warmup: 30, repeats: 200 },
  'drafts-100': { warmup: 100, repeats: 5 },
  'drafts-1000': { warmup: 100, repeats: 2 },
  large: { warmup: 1, repeats: 3 },
};

const [mode, setName, arg] = process.argv.slice(2);
const corpus = ensureCorpus();
const files = setName ? corpus.sets[setName]?.files : corpus.sets.single.files;
if (!files) {
  console.error(`bench: unknown set '${setName}' (expected one of: ${Object.keys(corpus.sets).join(', ')})`);
  process.exit(2);
}

const modes = { time: timeCase, memory: memoryCase, keystroke: keystrokeCase, lookups: lookupCase };
if (!modes[mode]) {
  console.error(`bench: unknown mode '${mode}' (expected one of: ${Object.keys(modes).join(', ')})`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(modes[mode]())}\n`);

function now() {
  return performance.now();
}

/** Matching alone: the registry's one compiled matcher over a document's prose text. */
function matchAll(plain) {
  const matcher = registry.matcher;
  matcher.lastIndex = 0;
  let n = 0;
  while (matcher.exec(plain)) n++;
  return n;
}

/**
 * Times bare parse, whole analysis and matching alone on every document, alternating
 * (and alternating which goes first) so that noise and GC pauses hit all three.
 * Returns per-document samples (ms) and per-pass totals (ms).
 */
function timeCase() {
  const plan = PLAN[setName] ?? { warmup: 1, repeats: 3 };
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = files.reduce((sum, f, i) => sum + Buffer.byteLength(texts[i]), 0);
  // Prose text for the matching-alone figure, computed once, outside the timings.
  let occurrences = 0;
  let findings = 0;
  const plains = texts.map((t) => {
    const a = engine.analyze(t, registry);
    occurrences += a.occurrences.length;
    findings += a.findings.length;
    return a.doc.contexts.map((c) => c.plain).join('\n\n');
  });
  const one = (kind, i) => {
    const start = now();
    if (kind === 'bare') bare.parse(texts[i]);
    else if (kind === 'analysis') engine.analyze(texts[i], registry);
    else matchAll(plains[i]);
    return now() - start;
  };
  const orders = [
    ['bare', 'analysis', 'match'],
    ['analysis', 'bare', 'match'],
  ];
  // Warm-up: a single document is repeated, a corpus is walked once (or its first `warmup` files).
  const warmDocs = texts.length === 1 ? Array(plan.warmup).fill(0) : [...Array(Math.min(plan.warmup, texts.length)).keys()];
  warmDocs.forEach((i, k) => orders[k % 2].forEach((kind) => one(kind, i)));
  gc();
  const samples = { bare: [], analysis: [], match: [] };
  const totals = { bare: [], analysis: [], match: [] };
  let k = 0;
  for (let r = 0; r < plan.repeats; r++) {
    const pass = { bare: 0, analysis: 0, match: 0 };
    for (let i = 0; i < texts.length; i++) {
      for (const kind of orders[k++ % 2]) {
        const ms = one(kind, i);
        samples[kind].push(ms);
        pass[kind] += ms;
      }
      if (texts.length === 1 && setName === 'large') gc();
    }
    for (const kind of Object.keys(pass)) totals[kind].push(pass[kind]);
    gc();
  }
  return { set: setName, files: texts.length, bytes, occurrences, findings, repeats: plan.repeats, samples, totals };
}

/** Peak RSS of one pass that holds one file at a time, as a streaming linter would. */
function memoryCase() {
  const kind = arg ?? 'analysis';
  const startRss = process.memoryUsage().rss;
  let sampledPeak = startRss;
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    bytes += text.length;
    if (kind === 'bare') bare.parse(text);
    else if (kind === 'analysis') engine.analyze(text, registry);
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }
  return { set: setName, kind, files: files.length, startRss, sampledPeak, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** A prose line near the middle of the text: where the simulated author types. */
function editPoint(text) {
  const lines = engine.analyze(text, registry).doc.contexts.filter((c) => c.kind === 'paragraph');
  const middle = lines[Math.floor(lines.length / 2)];
  const end = text.indexOf('\n', middle.span.start);
  return end < 0 || end > middle.span.end ? middle.span.end : end;
}

/**
 * Re-analysis after one-line edits: the author types a phrase at the end of a line
 * in the middle of the draft, a character at a time, then deletes it again. Uses
 * the engine's incremental API when it exports one, else a full re-analysis.
 */
function keystrokeCase() {
  const keystrokes = Number(arg ?? 100);
  let text = readFileSync(files[0], 'utf8');
  const incremental = typeof engine.analyzeIncremental === 'function' ? engine.analyzeIncremental : null;
  let api = incremental ? '`analyzeIncremental(text, registry, previous)`' : '`analyze(text, registry)`, a full re-analysis (the engine exports no analyzeIncremental)';
  const reanalyze = (previous) => {
    if (!incremental) return engine.analyze(text, registry);
    try {
      return incremental(text, registry, previous);
    } catch (error) {
      // A broken incremental API must not produce a figure: fall back, and say so.
      api = `\`analyze(text, registry)\` (analyzeIncremental threw: ${String(error?.message ?? error).slice(0, 120)})`;
      return engine.analyze(text, registry);
    }
  };
  let previous = reanalyze(undefined);
  const phrase = ' and inner alignment, in this sense, matters.';
  let cursor = editPoint(text);
  let typed = 0;
  let deleting = false;
  const step = () => {
    if (!deleting) {
      text = text.slice(0, cursor) + phrase[typed] + text.slice(cursor);
      cursor++;
      if (++typed === phrase.length) deleting = true;
    } else {
      text = text.slice(0, cursor - 1) + text.slice(cursor);
      cursor--;
      if (--typed === 0) deleting = false;
    }
  };
  const warmup = setName === 'large' ? 1 : 20;
  for (let i = 0; i < warmup; i++) {
    step();
    previous = reanalyze(previous);
  }
  gc();
  const samples = [];
  for (let i = 0; i < keystrokes; i++) {
    step();
    const start = now();
    previous = reanalyze(previous);
    samples.push(now() - start);
    if (setName === 'large') gc();
  }
  // The result after the last keystroke must equal a full analysis of the same text.
  const full = engine.analyze(text, registry);
  const sameAsFull = JSON.stringify(full.findings) === JSON.stringify(previous.findings) && JSON.stringify(full.occurrences) === JSON.stringify(previous.occurrences);
  return { set: setName, api, samples, bytes: Buffer.byteLength(text), sameAsFull };
}

/** Hover and code-action style lookups answered from one cached analysis of the 20 KB draft. */
function lookupCase() {
  const text = readFileSync(files[0], 'utf8');
  const analysis = engine.analyze(text, registry);
  const lines = analysis.doc.lines;
  const occurrences = [...analysis.occurrences].sort((a, b) => a.span.start - b.span.start);
  const rnd = createRandom(42);
  const positions = [];
  for (let i = 0; i < 2000; i++) {
    // Half on a term (the hover a user asks for), half anywhere.
    const offset = i % 2 === 0 && occurrences.length ? rnd.pick(occurrences).span.start + 1 : rnd.int(0, text.length - 1);
    positions.push(lines.toLsp(offset));
  }
  const hover = (pos) => {
    const offset = lines.toOffset(pos);
    let lo = 0;
    let hi = occurrences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = occurrences[mid];
      if (o.span.end < offset) lo = mid + 1;
      else if (o.span.start > offset) hi = mid - 1;
      else {
        const term = registry.terms.get(o.term);
        const senses = term.senses.map((s) => `- **${s.label}**: ${s.oneLine} (${s.sources.map(engine.cite).join('; ')})`);
        return `**${term.label}**: ${o.status}${o.sense ? ` (${o.sense})` : ''}\n\n${senses.join('\n')}`;
      }
    }
    return null;
  };
  const codeActions = (pos) => {
    const offset = lines.toOffset(pos);
    const actions = [];
    for (const f of analysis.findings) if (f.span.start <= offset && offset <= f.span.end) for (const fix of f.fixes ?? []) actions.push({ title: fix.title, edits: fix.edits });
    return actions;
  };
  const measure = (fn) => {
    for (let i = 0; i < 200; i++) fn(positions[i]);
    const samples = [];
    let hits = 0;
    for (const pos of positions) {
      const start = now();
      const r = fn(pos);
      samples.push(now() - start);
      if (r && (!Array.isArray(r) || r.length)) hits++;
    }
    return { samples, hits };
  };
  return { hover: measure(hover), codeActions: measure(codeActions), findings: analysis.findings.length };
}
