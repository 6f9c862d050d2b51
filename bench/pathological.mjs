#!/usr/bin/env node
/**
 * Pathological drafts (issue 8): how long the CLI and the language server take on
 * each, and how much memory, on inputs no writer means to produce but some paste.
 * Generated in a temporary folder, removed afterwards:
 *   - a 10 MB single line with 1,000 uses of a term in it;
 *   - nesting 10,000 deep: block quotes, list markers, emphasis, brackets;
 *   - 100,000 ambiguous uses (50,000 short paragraphs), and the same pinned;
 *   - a binary file, a file of invalid UTF-8 with uses in it, a draft with a BOM.
 * For each, the median of --runs N (default 3) whole-process CLI runs
 * (`node bin/alignment-terms.js lint FILE --format json`: wall time from spawn to
 * exit, peak RSS from /usr/bin/time, exit code, diagnostics, what it said on stderr)
 * and of N language-server probes (`node dist/server.js --stdio`: didOpen to the
 * first publishDiagnostics, the server's peak RSS (VmHWM)).
 *
 * Prints a Markdown table and writes it to bench/results/pathological.md.
 * Options: --runs N, --no-build (use dist/ as it is), --no-server, --wait-idle
 * (wait until the load average drops below 0.8, at most 30 minutes).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_DIR, ROOT } from './lib/build.mjs';
import { haveTime, timeProcess } from './lib/process.mjs';
import { probeServer } from './lib/server-probe.mjs';
import { median } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('bench/pathological.mjs: --runs takes a whole number of at least 1');
  process.exit(2);
}
const log = (message) => process.stderr.write(`pathological: ${message}\n`);
/** A case that takes longer than this is reported as a timeout, not waited for. */
const SERVER_TIMEOUT_MS = 300_000;

/** The inputs: file name, a one-line description, and the bytes. */
function inputs() {
  const filler = 'lorem ipsum dolor sit amet '.repeat(370);
  const paragraph = 'Inner alignment and outer alignment both matter here.\n\n';
  const bytes = Buffer.alloc(1_000_000);
  // A fixed sequence (not random) so every run reads the same file.
  for (let i = 0, x = 1; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  const invalid = Buffer.concat(Array.from({ length: 2_000 }, () => Buffer.concat([Buffer.from('Inner alignment caf'), Buffer.from([0xe9, 0x20, 0xff, 0xfe, 0x80, 0xc3, 0x28]), Buffer.from(' text.\n\n')])));
  return [
    ['line-10mb.md', '10 MB on one line, 1,000 uses', `${filler}inner alignment `.repeat(1_000)],
    ['quotes-10k.md', 'block quotes nested 10,000 deep', `${'>'.repeat(10_000)} inner alignment\n`],
    ['lists-10k.md', 'list markers nested 10,000 deep', `${'- '.repeat(10_000)}inner alignment\n`],
    ['emphasis-10k.md', 'emphasis 10,000 deep', `Text ${'*'.repeat(10_000)}inner alignment${'*'.repeat(10_000)}\n`],
    ['brackets-10k.md', 'brackets 10,000 deep', `${'['.repeat(10_000)}inner alignment${']'.repeat(10_000)}\n`],
    ['uses-100k.md', '100,000 ambiguous uses (50,000 paragraphs)', paragraph.repeat(50_000)],
    ['uses-100k-pinned.md', '100,000 uses, pinned in front matter', `---\nalignment-terms:\n  inner-alignment: objective-focused\n  outer-alignment: objective-function\n---\n\n${paragraph.repeat(50_000)}`],
    ['binary.md', '1 MB of binary bytes', bytes],
    ['invalid-utf8.md', 'invalid UTF-8, 2,000 uses', invalid],
    ['bom.md', 'a BOM, then 1,000 uses', `\uFEFF${'Inner alignment, here.\n\n'.repeat(1_000)}`],
  ];
}

try {
  await main();
} catch (error) {
  console.error(`pathological: ${error.message}`);
  process.exit(1);
}

async function main() {
  if (argv.includes('--wait-idle')) await waitIdle();
  const loadBefore = os.loadavg();
  if (loadBefore[0] > 1) log(`the machine is busy (load average ${loadBefore[0].toFixed(2)} on ${os.availableParallelism()} cores): figures will be noisy`);
  if (!haveTime()) log('/usr/bin/time is missing (apt-get install time): CLI peak memory will be n/a');
  if (!argv.includes('--no-build')) {
    log('building dist/ (node scripts/build.mjs) ...');
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${built.stderr}`);
  }
  mkdirSync(BUILD_DIR, { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'at-pathological-'));
  const rows = [];
  try {
    for (const [name, what, content] of inputs()) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      const row = { name, what, bytes: statSync(file).size, cli: [], server: [] };
      for (let run = 0; run < RUNS; run++) {
        log(`${name}: CLI run ${run + 1}/${RUNS}`);
        row.cli.push(cliRun(dir, name));
      }
      if (!argv.includes('--no-server')) {
        for (let run = 0; run < RUNS; run++) {
          log(`${name}: server probe ${run + 1}/${RUNS}`);
          row.server.push(await serverRun(file));
        }
      }
      rows.push(row);
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const report = render(rows, loadBefore, os.loadavg());
  process.stdout.write(report);
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'pathological.md'), report);
  log('wrote bench/results/pathological.md');
}

/**
 * Diagnostics in a `lint --format json` report too large to parse here: each one is
 * an object that opens with its "rule" key (`{"rule":`, compact; or `{` and `"rule":`
 * on the next line, pretty-printed). Read in pieces; a key split across two pieces is
 * found in the carried tail.
 */
function countDiagnostics(file) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(16 * 1024 * 1024);
  const opening = /\{\s*"rule":/g;
  let count = 0;
  let carry = '';
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      const text = carry + buffer.toString('latin1', 0, n);
      let last = 0;
      for (const m of text.matchAll(opening)) {
        count++;
        last = m.index + m[0].length;
      }
      // Keep a tail that may hold the start of a key, but nothing already counted.
      carry = text.slice(Math.max(last, text.length - 64));
    }
  } finally {
    closeSync(fd);
  }
  return count;
}

/** One whole-process lint of `name` in `dir`: time, peak RSS, exit code, diagnostics, what stderr said. */
function cliRun(dir, name) {
  const out = path.join(BUILD_DIR, 'pathological.out.json');
  const r = timeProcess({ cmd: process.execPath, args: [path.join(ROOT, 'bin', 'alignment-terms.js'), 'lint', name, '--format', 'json'], cwd: dir }, out, [0, 1, 2]);
  let diagnostics = NaN;
  try {
    // A report larger than this is counted without reading it into one string (V8's limit is about 512 MB).
    diagnostics = statSync(out).size > 256 * 1024 * 1024 ? countDiagnostics(out) : JSON.parse(readFileSync(out, 'utf8')).reduce((n, f) => n + f.diagnostics.length, 0);
  } catch {
    /* no JSON: reported as n/a */
  }
  const said = (r.stderr ?? '').trim().split('\n').filter(Boolean).map((l) => l.replace(/\s+/g, ' ').slice(0, 120));
  return { ms: r.ms, rss: r.maxRssBytes, status: r.status, diagnostics, said };
}

/** One server probe: didOpen to the first publishDiagnostics, and the server's peak RSS. */
async function serverRun(file) {
  try {
    const r = await probeServer(path.join(ROOT, 'dist', 'server.js'), file, [], SERVER_TIMEOUT_MS);
    return { ms: r.openToDiagnosticsMs, rss: r.peakRssBytes, diagnostics: r.diagnostics };
  } catch (error) {
    return { error: error.message };
  }
}

function render(rows, loadBefore, loadAfter) {
  const mb = (b) => (Number.isFinite(b) ? (b / 1e6).toFixed(b >= 1e7 ? 0 : 1) : 'n/a');
  const ms = (v) => (Number.isFinite(v) ? (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`) : 'n/a');
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    '# Pathological drafts',
    '',
    `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores; Node ${process.version}; commit ${git(['describe', '--always', '--dirty'])}.`,
    `Load average (1 / 5 / 15 min) before: ${load(loadBefore)}, after: ${load(loadAfter)}${loadBefore[0] > 1 ? ' — the machine was busy: times are noisy and higher than on an idle machine' : ''}.`,
    `Medians of ${RUNS} run${RUNS === 1 ? '' : 's'} each. Generated by \`node bench/pathological.mjs --runs ${RUNS}\`.`,
    '',
    'CLI: `node bin/alignment-terms.js lint FILE --format json`, whole process (start-up included), peak RSS from /usr/bin/time.',
    'Server: `node dist/server.js --stdio`, didOpen to the first publishDiagnostics, peak RSS of the server process (VmHWM).',
    '',
    '| input | size (MB) | CLI time | CLI peak RSS (MB) | exit | diagnostics | server: open to diagnostics | server peak RSS (MB) | server diagnostics |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const cli = row.cli;
    const statuses = [...new Set(cli.map((c) => c.status))].join('/');
    const diagnostics = [...new Set(cli.map((c) => (Number.isFinite(c.diagnostics) ? c.diagnostics : 'no report')))].join('/');
    const okServer = row.server.filter((s) => !s.error);
    const serverTime = row.server.length === 0 ? 'not run' : okServer.length ? ms(median(okServer.map((s) => s.ms))) : `failed: ${row.server[0].error}`;
    lines.push(
      `| ${row.what} | ${mb(row.bytes)} | ${ms(median(cli.map((c) => c.ms)))} | ${mb(median(cli.map((c) => c.rss)))} | ${statuses} | ${diagnostics} | ${serverTime} | ${okServer.length ? mb(median(okServer.map((s) => s.rss))) : 'n/a'} | ${okServer.length ? [...new Set(okServer.map((s) => s.diagnostics))].join('/') : 'n/a'} |`,
    );
  }
  lines.push('', 'What the CLI said on stderr (first run):', '');
  for (const row of rows) {
    const said = row.cli[0]?.said ?? [];
    lines.push(`- ${row.name}: ${said.length ? said.map((s) => `\`${s}\``).join('; ') : 'nothing'}`);
  }
  return `${lines.join('\n')}\n`;
}

function git(args) {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

async function waitIdle() {
  const deadline = Date.now() + 30 * 60_000;
  while (os.loadavg()[0] >= 0.8 && Date.now() < deadline) {
    log(`waiting for the machine to be idle (load average ${os.loadavg()[0].toFixed(2)}) ...`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
}
