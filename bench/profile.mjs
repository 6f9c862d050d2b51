#!/usr/bin/env node
/**
 * Where the analysis spends its time: runs the engine bundle over a corpus set under
 * `node --cpu-prof` and prints the functions with the most self time, and self time
 * per source module (the unminified bundle names its modules in comments).
 *
 *   node bench/profile.mjs [SET] [analysis|incremental|bare] [--top=N]
 *
 * SET defaults to drafts-100. Run `npm run bench` (or bench/run.mjs) once first: it
 * builds the corpus and bench/.build/engine.cjs. The .cpuprofile is kept in
 * bench/.build/prof/ for Chrome DevTools.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR, buildBundles } from './lib/build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const set = args[0] ?? 'drafts-100';
const mode = args[1] ?? 'analysis';
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);

if (!['analysis', 'incremental', 'bare'].includes(mode)) {
  console.error(`bench: unknown mode '${mode}' (expected analysis, incremental or bare)`);
  process.exit(2);
}
if (!existsSync(path.join(BUILD_DIR, 'engine.cjs'))) await buildBundles();

const dir = path.join(BUILD_DIR, 'prof');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(here, 'lib', 'profile-target.mjs'), set, mode], { stdio: ['ignore', 'inherit', 'inherit'] });
if (run.status !== 0) process.exit(run.status ?? 1);
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

// Self time per node: each sample charges its interval to the node on top of the stack.
const self = new Map();
const { samples, timeDeltas } = profile;
for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
const modules = bundleModules();
const byFunction = new Map();
const byModule = new Map();
const byArea = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = self.get(node.id) ?? 0;
  if (!us) continue;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const module = url.endsWith('engine.cjs') || url.endsWith('bare.cjs') ? moduleAt(modules[path.basename(url)], lineNumber) : url ? path.basename(url) : `(${functionName || 'native'})`;
  const key = `${functionName || '(anonymous)'}  ${module}  [${url ? path.basename(url) : 'native'}:${lineNumber + 1}]`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byModule.set(module, (byModule.get(module) ?? 0) + us);
  const area = areaOf(module);
  byArea.set(area, (byArea.get(area) ?? 0) + us);
}
const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
};
console.log(`profile: ${path.relative(process.cwd(), path.join(dir, file))}; ${(total / 1000).toFixed(0)} ms sampled (${set}, ${mode})`);
print('Self time by area', byArea, 10);
print('Self time by function', byFunction, top);
print('Self time by source module', byModule, 15);

/** Coarse buckets: the Markdown parser (what the bare parse also pays), the engine, the rest. */
function areaOf(module) {
  if (/^(micromark|mdast-util|unified|remark|decode-named|character-entities|vfile|unist|trough|bail|devlop|extend|is-plain-obj)/.test(module)) return 'Markdown parser (micromark, mdast, unified)';
  if (module.startsWith('server/')) return 'engine (server/src/core)';
  if (module.startsWith('yaml/')) return 'yaml (front matter, registry)';
  if (module === '((garbage collector))') return 'garbage collector';
  return 'other (Node, loader, idle)';
}

/** The `// path` comments esbuild writes before each module of an unminified bundle. */
function bundleModules() {
  const out = {};
  for (const name of ['engine.cjs', 'bare.cjs']) {
    const lines = readFileSync(path.join(BUILD_DIR, name), 'utf8').split('\n');
    const marks = [];
    lines.forEach((line, i) => {
      const m = /^\/\/ ((?:node_modules|server|bench-bare-entry)\S*)$/.exec(line);
      if (m) marks.push({ line: i, module: m[1].replace(/^node_modules\//, '') });
    });
    out[name] = marks;
  }
  return out;
}

function moduleAt(marks, line) {
  let lo = 0;
  let hi = (marks?.length ?? 0) - 1;
  let found = '(bundle)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid].line <= line) {
      found = marks[mid].module;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
