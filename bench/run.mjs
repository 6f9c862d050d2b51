#!/usr/bin/env node
/**
 * The benchmark (`npm run bench`; not part of `npm test`). In one run:
 *   - in-process, per document: the whole analysis vs a bare remark-parse, and the
 *     compiled matcher alone, on one 20 KB draft, 100 drafts, 1,000 drafts and one
 *     5 MB draft; peak memory of each;
 *   - per keystroke: re-analysis after one-line edits (incremental when the engine
 *     exports analyzeIncremental), hover / code-action lookups, server memory;
 *   - whole process: the CLI vs a bare remark-parse script vs textlint +
 *     textlint-rule-terminology, alternated, with peak memory.
 * Prints a Markdown report and writes it to bench/results/latest.md (raw samples in
 * latest.json).
 *
 * Options: --quick (fewer repetitions, for trying the harness), --skip=inprocess,
 * keystroke,cli and --sets=single,drafts-100,drafts-1000,large (comma lists),
 * --no-build (use dist/ as it is), --wait-idle (wait until the load average drops).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ensureCorpus, SeedsMissing } from './corpus.mjs';
import { buildBundles, BUILD_DIR, ROOT } from './lib/build.mjs';
import { haveTime, timeProcess } from './lib/process.mjs';
import { renderReport } from './lib/report.mjs';
import { probeServer } from './lib/server-probe.mjs';
import { median } from './lib/stats.mjs';
import { textlintCommand, writeTextlintConfig } from './lib/textlint.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const skip = new Set((argv.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean));
const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** Rounds of the whole-process comparison per set (each round runs all three tools). */
const CLI_ROUNDS = quick ? { single: 3, 'drafts-100': 2, 'drafts-1000': 1 } : { single: 10, 'drafts-100': 5, 'drafts-1000': 3 };
const onlySets = argv.find((a) => a.startsWith('--sets='))?.slice(7).split(',');
const SETS = ['single', 'drafts-100', 'drafts-1000', 'large'].filter((s) => !onlySets || onlySets.includes(s));

try {
  await main();
} catch (error) {
  if (error instanceof SeedsMissing) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`bench: ${error.message}`);
  process.exit(1);
}

async function main() {
  if (argv.includes('--wait-idle')) await waitIdle();
  const loadBefore = os.loadavg()[0];
  if (loadBefore > 1) log(`the machine is busy (load average ${loadBefore.toFixed(2)} on ${os.availableParallelism()} cores): figures will be noisy; rerun when it is idle`);
  if (!haveTime()) log('/usr/bin/time is missing (apt-get install time): whole-process peak memory will be n/a');

  const corpus = ensureCorpus({ log });
  if (!argv.includes('--no-build')) {
    log('building dist/ (node scripts/build.mjs) ...');
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${built.stderr}`);
  }
  await buildBundles();

  const results = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: {
      nproc: os.availableParallelism(),
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      node: process.version,
      commit: gitDescribe(),
      loadBefore: loadBefore.toFixed(2),
    },
    corpus: Object.fromEntries(Object.entries(corpus.sets).map(([name, set]) => [name, { files: set.files.length, bytes: set.bytes }])),
  };

  if (!skip.has('inprocess')) {
    results.inprocess = {};
    for (const set of SETS) {
      log(`in-process timings: ${set} ...`);
      const time = child(['time', set], true);
      log(`  analysis/bare = ${(median(time.totals.analysis) / median(time.totals.bare)).toFixed(2)}x`);
      const memory = {};
      for (const kind of ['read', 'bare', 'analysis']) memory[kind] = child(['memory', set, kind], false);
      results.inprocess[set] = { time, memory };
    }
  }

  if (!skip.has('keystroke')) {
    log('per keystroke: 20 KB draft ...');
    results.keystroke = { single: child(['keystroke', 'single', quick ? '60' : '300'], true) };
    if (SETS.includes('large')) {
      log('per keystroke: 5 MB draft ...');
      results.keystroke.large = child(['keystroke', 'large', quick ? '2' : '5'], true);
    }
    results.lookups = child(['lookups'], true);
    const serverJs = path.join(ROOT, 'dist', 'server.js');
    if (existsSync(serverJs)) {
      log('language server probe ...');
      try {
        results.server = await probeServer(serverJs, corpus.sets.single.files[0], hoverPositions(corpus.sets.single.files[0]));
      } catch (error) {
        results.server = { error: error.message };
      }
    }
  }

  if (!skip.has('cli')) await cliBench(corpus, results);

  results.machine.loadAfter = os.loadavg()[0].toFixed(2);
  const report = renderReport(results);
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.md'), report);
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results)}\n`);
  process.stdout.write(report);
  log(`written to ${path.relative(process.cwd(), path.join(dir, 'latest.md'))}`);
}

/** Waits (up to 30 minutes) until the one-minute load average is below 0.8. */
async function waitIdle() {
  const deadline = Date.now() + 30 * 60_000;
  while (os.loadavg()[0] >= 0.8 && Date.now() < deadline) {
    log(`waiting for the machine to be idle (load average ${os.loadavg()[0].toFixed(2)}) ...`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
}

/** Runs bench/inprocess.mjs with `args` in a fresh process; returns its JSON answer. */
function child(args, exposeGc) {
  const flags = exposeGc ? ['--expose-gc'] : [];
  const result = spawnSync(process.execPath, [...flags, path.join(ROOT, 'bench', 'inprocess.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`inprocess.mjs ${args.join(' ')} failed (status ${result.status}):\n${result.stderr.trim()}`);
  return JSON.parse(result.stdout);
}

/** Whole-process timings: the CLI, the bare parse script and textlint, rotating which runs first. */
async function cliBench(corpus, results) {
  const cliJs = path.join(ROOT, 'bin', 'alignment-terms.js');
  const engine = createRequire(import.meta.url)(path.join(BUILD_DIR, 'engine.cjs'));
  const haveTextlint = existsSync(path.join(ROOT, 'bench', 'node_modules', 'textlint-rule-terminology'));
  const textlint = writeTextlintConfig(engine.presetRegistry());
  const version = (pkg) => JSON.parse(readFileSync(path.join(ROOT, 'bench', 'node_modules', pkg, 'package.json'), 'utf8')).version;
  if (haveTextlint) results.textlint = { version: version('textlint'), ruleVersion: version('textlint-rule-terminology'), terms: textlint.terms };
  else log('textlint is not installed for the benchmark (run `npm ci --prefix bench`; it has its own package.json): its column is left out');
  results.cli = {};
  const out = (name) => path.join(BUILD_DIR, `${name}.out`);
  for (const set of SETS.filter((s) => s !== 'large')) {
    const files = corpus.sets[set].files;
    const tools = {
      cli: () => timeProcess({ cmd: process.execPath, args: [cliJs, 'lint', '--format', 'json', ...files], cwd: ROOT }, out('cli'), [0, 1]),
      bare: () => timeProcess({ cmd: process.execPath, args: [path.join(ROOT, 'bench', 'bare-parse.mjs'), ...files], cwd: ROOT }, out('bare')),
      textlint: () => timeProcess(textlintCommand(textlint.file, files, out('textlint-json')), out('textlint'), [0, 1]),
    };
    if (!haveTextlint) delete tools.textlint;
    const names = Object.keys(tools);
    const runs = { cli: [], bare: [], textlint: [] };
    // One unmeasured round warms the file cache and the tools' compile caches.
    for (const name of names) tools[name]();
    checkCliOutput(out('cli'), files.length);
    for (let round = 0; round < CLI_ROUNDS[set]; round++) {
      log(`whole process: ${set}, round ${round + 1}/${CLI_ROUNDS[set]} ...`);
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length];
        const { ms, maxRssBytes } = tools[name]();
        runs[name].push({ ms, maxRssBytes });
      }
    }
    results.cli[set] = runs;
  }
  if (SETS.includes('drafts-1000') && cliHelp().includes('--cache')) {
    const files = corpus.sets['drafts-1000'].files;
    const location = path.join(BUILD_DIR, 'cli-cache');
    spawnSync('rm', ['-rf', location]);
    try {
      const args = [cliJs, 'lint', '--format', 'json', '--cache', '--cache-location', location, ...files];
      const first = timeProcess({ cmd: process.execPath, args, cwd: ROOT }, out('cli'), [0, 1]).ms;
      const second = timeProcess({ cmd: process.execPath, args, cwd: ROOT }, out('cli'), [0, 1]).ms;
      results.cache = { first, second };
    } catch (error) {
      results.cache = { error: `could not be measured (${error.message.split('\n')[0]})` };
    }
  }
}

/** The CLI's JSON must list every file, or its timing means nothing. */
function checkCliOutput(file, expected) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`the CLI's --format json output is not JSON (${error.message})`);
  }
  if (!Array.isArray(parsed) || parsed.length !== expected) throw new Error(`the CLI reported ${Array.isArray(parsed) ? parsed.length : 'no'} files of ${expected}`);
}

function cliHelp() {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'alignment-terms.js'), 'lint', '--help'], { encoding: 'utf8' }).stdout ?? '';
}

function gitDescribe() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'bin', 'scripts'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return `commit ${commit}${dirty ? ' + uncommitted engine/CLI changes' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

/** Hover positions for the server probe: on each of the first 50 terms of the draft. */
function hoverPositions(file) {
  const text = readFileSync(file, 'utf8');
  const positions = [];
  const lines = text.split('\n');
  for (let line = 0; line < lines.length && positions.length < 50; line++) {
    const column = lines[line].search(/inner alignment|outer alignment|mesa-optimi/i);
    if (column >= 0) positions.push({ line, character: column + 2 });
  }
  return positions;
}
