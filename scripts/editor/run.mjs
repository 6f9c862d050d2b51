// `npm run test:editor`: the extension and the language server in real editors.
//  1. installs (cached outside the clone) Node 24, code-server, playwright-core, and via
//     apt chromium, neovim, libkrb5-dev (install.mjs);
//  2. packs the real .vsix (`npm run package`) and installs it into a fresh code-server
//     profile (code-server.mjs);
//  3. runs test/vscode's mocha suite in code-server's Node extension host (exthost-suite.mjs);
//  4. drives the workbench UI with Chromium (workbench-ui.mjs), screenshots in test-results/editor/;
//  5. runs the server under headless Neovim (test/neovim/run.mjs).
// Under CI (CI=true) a missing piece fails the run; elsewhere the suites that cannot run
// are skipped with one line saying what is missing and how to get it. Everything started
// is stopped at the end, also on failure or Ctrl+C (processes.mjs). Ends with an
// "N passed, N failed" line and the time each phase took.
//
// ALIGNMENT_TERMS_EDITOR_BREAK=server-path breaks the installed extension on purpose
// (its server module path), to show that the suites fail and say what the workbench showed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNeovimSuite } from '../../test/neovim/run.mjs';
import { bundleSuite } from '../../test/vscode/bundle.mjs';
import { breakServerPath, createProfile, installVsix, startCodeServer } from './code-server.mjs';
import { runExtensionHostSuite } from './exthost-suite.mjs';
import { ensureTools } from './install.mjs';
import { markedProcesses, markRun, runTracked, stopAll, stopAllNow } from './processes.mjs';
import { runWorkbenchUi } from './workbench-ui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'test-results', 'editor');
const CI = Boolean(process.env.CI) && !/^(false|0)$/i.test(process.env.CI);
const BREAK = process.env.ALIGNMENT_TERMS_EDITOR_BREAK;
/** Log lines of an offline workbench that say nothing about our extension. */
const NOISE = /open-vsx\.org|authentication provider 'github'|^\s+at |AccountPolicyGate|AgentHost|Creating a socket|connection token|reconnection-grace-time|builtin extensions cache|Service Worker/;
/** ALIGNMENT_TERMS_EDITOR_ONLY=vscode,ui,neovim (any subset) runs only those suites. */
const ONLY = process.env.ALIGNMENT_TERMS_EDITOR_ONLY ? new Set(process.env.ALIGNMENT_TERMS_EDITOR_ONLY.split(',').map((s) => s.trim())) : null;
const wants = (suite) => !ONLY || ONLY.has(suite);
const say = (line) => console.log(`test:editor: ${line}`);

const timings = [];
/** Runs `fn`, recording how long it took under `label`. */
async function timed(label, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings.push([label, (Date.now() - t0) / 1000]);
  }
}

/** Every check of every suite: { suite, name, ok, detail }. */
const checks = [];
function record(suite, name, ok, detail = '') {
  checks.push({ suite, name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${suite}: ${name}${ok ? '' : `\n${String(detail).replace(/^/gm, '       ')}`}`);
}

/** Runs `command` in the repository under the build lock the CLI tests share (flock, where there is one). */
async function underBuildLock(name, command, logName) {
  let hasFlock = true;
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' });
  } catch {
    hasFlock = false;
  }
  const [cmd, ...args] = hasFlock ? ['flock', path.join(tmpdir(), 'alignment-terms-build.lock'), ...command] : command;
  const log = path.join(OUT, logName);
  const status = await runTracked(name, cmd, args, { cwd: ROOT, logFile: log, timeoutMs: 300_000 });
  if (status.code !== 0) throw new Error(`${name} failed (${status.timedOut ? 'timed out' : status.code ?? status.signal}):\n${readFileSync(log, 'utf8').trim().split('\n').slice(-15).join('\n')}`);
}

/** `npm run package`, writing the .vsix to `vsix` (outside the clone). */
async function packVsix(vsix) {
  const npm = process.env.npm_execpath && existsSync(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
  await underBuildLock('npm run package', [...npm, 'run', 'package', '--', '--out', vsix], 'package.log');
  if (!existsSync(vsix)) throw new Error(`npm run package wrote no ${vsix}`);
}

/** Whether something still accepts connections on 127.0.0.1:`port`. */
function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
  });
}

/** Runs the code-server suites; `state.port` is set as soon as code-server listens (for the final port check). */
async function codeServerSuites(tools, runDir, state) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(runDir, `${manifest.name}-${manifest.version}.vsix`);
  const suite = path.join(runDir, 'suite', 'index.js');
  await timed('build: npm run package (.vsix) + suite bundle', async () => {
    await packVsix(vsix);
    await bundleSuite(suite);
  });
  const profile = createProfile(runDir, tools.node24);
  const extension = await timed('code-server: install the .vsix', () => installVsix(tools, profile, vsix, manifest));
  say(`installed ${path.basename(vsix)} into a fresh profile (${path.relative(runDir, extension)})`);
  if (BREAK === 'server-path') say(`ALIGNMENT_TERMS_EDITOR_BREAK=server-path: ${breakServerPath(extension)} (deliberately broken)`);
  else if (BREAK) throw new Error(`ALIGNMENT_TERMS_EDITOR_BREAK=${BREAK} is not a known way to break the extension (known: server-path)`);
  const server = await timed('code-server: start', () => startCodeServer(tools, profile));
  state.port = server.port;
  say(`code-server ${tools.codeServer.entry.match(/code-server-([\d.]+)/)?.[1]} listening on ${server.url} (127.0.0.1 only)`);

  if (wants('vscode')) await extensionHostSuite(tools, runDir, server.url, extension, suite);
  if (wants('ui')) await uiSuite(tools, runDir, server.url);
}

async function extensionHostSuite(tools, runDir, url, extension, suite) {
  const suiteWorkspace = path.join(runDir, 'workspace-suite');
  cpSync(path.join(ROOT, 'test', 'vscode', 'fixtures', 'workspace'), suiteWorkspace, { recursive: true });
  const exthost = await timed('suite: test/vscode in the extension host', () =>
    runExtensionHostSuite({
      tools,
      url,
      workspace: suiteWorkspace,
      extensionFolder: extension,
      testsPath: suite,
      browserDir: path.join(runDir, 'chromium-suite'),
      outDir: OUT,
    }),
  );
  const suiteName = 'vscode (extension host)';
  for (const t of exthost.tests) record(suiteName, t.title, t.state === 'passed', t.error);
  const failedTests = exthost.tests.filter((t) => t.state !== 'passed').length;
  if (exthost.code !== 0 || exthost.tests.length === 0 || failedTests > 0) {
    const why = exthost.problem ?? `the extension tests ended with exit code ${exthost.code} after ${exthost.tests.length} test(s), ${failedTests} failed${exthost.workbench ? `; ${exthost.workbench}` : ''}`;
    // A run that failed outside any test (activation, a hook, no tests) must still count as a failure.
    if (failedTests === 0) record(suiteName, 'the mocha suite runs to the end inside code-server', false, `${why} (log: ${path.relative(ROOT, path.join(OUT, 'exthost-log.txt'))})`);
    else say(`${why} (log: ${path.relative(ROOT, path.join(OUT, 'exthost-log.txt'))})`);
    // The end of what the host logged, without the workbench's offline noise (gallery, GitHub sign-in).
    // Mocha's own account of the failures (from "N failing" on), else the end of the log.
    const kept = exthost.lines.filter((l) => l.line.trim() && !NOISE.test(l.line) && !l.line.startsWith('[test-event]'));
    const from = kept.findIndex((l) => /^\s*\d+ failing/.test(l.line));
    const tail = (from >= 0 ? kept.slice(from) : kept.slice(-40)).slice(0, 120);
    for (const l of tail) console.log(`  [extension host ${l.level}] ${l.line}`);
  }
}

async function uiSuite(tools, runDir, url) {
  const uiWorkspace = path.join(runDir, 'workspace-ui');
  mkdirSync(uiWorkspace, { recursive: true });
  cpSync(path.join(ROOT, 'examples', '01-unsettled-draft.md'), path.join(uiWorkspace, '01-unsettled-draft.md'));
  const ui = await timed('suite: workbench UI (Chromium)', () => runWorkbenchUi({ tools, url, workspace: uiWorkspace, browserDir: path.join(runDir, 'chromium-ui'), outDir: OUT }));
  for (const c of ui.checks) record('code-server UI', c.name, c.ok, c.detail);
  for (const note of ui.seen.notes) say(`note: ${note}`);
  writeFileSync(path.join(OUT, 'code-server-ui.json'), `${JSON.stringify(ui, null, 2)}\n`);
  if (ui.screenshots.length) say(`screenshots: ${ui.screenshots.map((s) => path.relative(ROOT, s)).join(', ')}`);
}

async function neovimSuite(tools, runDir) {
  const { checks: list, result, stderr } = await timed('suite: neovim', () => runNeovimSuite({ nvim: tools.nvim.path, workDir: path.join(runDir, 'neovim'), run: runTracked }));
  for (const c of list) record(`neovim ${tools.nvim.version}`, c.name, c.ok, c.detail);
  writeFileSync(path.join(OUT, 'neovim-result.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (list.some((c) => !c.ok) && stderr) console.log(`  nvim printed: ${stderr.slice(0, 500)}`);
}

async function main() {
  const started = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const runDir = mkdtempSync(path.join(tmpdir(), 'alignment-terms-editor-'));
  markRun(runDir);
  const state = { port: undefined };
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await stopAll();
    // Keep code-server's logs (the extension's output channel is among them) for a post-mortem.
    for (const [from, to] of [
      ['code-server/user-data/logs', 'code-server-logs'],
      ['code-server/server.log', 'code-server-logs/server.log'],
    ]) {
      try {
        if (existsSync(path.join(runDir, from))) cpSync(path.join(runDir, from), path.join(OUT, to), { recursive: true });
      } catch {
        /* a log we cannot copy is no reason to fail */
      }
    }
    rmSync(runDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      say(`${signal}: stopping everything this run started`);
      cleanup().finally(() => {
        const left = markedProcesses();
        say(left.length ? `still running after the stop: ${left.join(', ')}` : 'stopped everything it started; run folder removed');
        process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal] ?? 0));
      });
    });
  }
  process.once('exit', () => {
    stopAllNow();
    rmSync(runDir, { recursive: true, force: true });
  });

  let failed = false;
  try {
    const { tools, missing, timings: installTimings, root } = await ensureTools();
    for (const [label, seconds] of Object.entries(installTimings)) timings.push([label, seconds]);
    if (tools.codeServer) {
      const cached = ['node24', 'codeServer', 'playwrightCore'].filter((k) => tools[k]?.cached).length;
      say(`Node 24, code-server and playwright-core from ${root} (${cached === 3 ? 'all cached' : `${3 - cached} of 3 installed now`})`);
    }
    const skipCodeServer = missing.some((m) => m.needs.includes('code-server')) || !(wants('vscode') || wants('ui'));
    const skipNeovim = missing.some((m) => m.needs.includes('neovim')) || !wants('neovim');
    if (missing.length) {
      const list = missing.map((m) => `${m.what} (${m.how.split('\n')[0]})`).join('; ');
      if (CI) {
        say(`FAILED under CI: missing ${list}`);
        for (const m of missing) if (m.how.includes('\n')) console.log(m.how);
        failed = true;
        return;
      }
      const suites = [skipCodeServer && 'code-server suites', skipNeovim && 'neovim suite'].filter(Boolean).join(' and ');
      say(`skipped the ${suites}: missing ${list}`);
    }
    if (!skipCodeServer) {
      try {
        await codeServerSuites(tools, runDir, state);
      } catch (error) {
        record('code-server', 'set-up (pack, install, start)', false, String(error?.message ?? error));
      }
    } else if (!skipNeovim) {
      await timed('build: node scripts/build.mjs', () => underBuildLock('node scripts/build.mjs', [process.execPath, path.join(ROOT, 'scripts', 'build.mjs')], 'build.log'));
    }
    if (!skipNeovim) await neovimSuite(tools, runDir);
  } catch (error) {
    record('test:editor', 'the harness itself', false, String(error?.stack ?? error));
  } finally {
    await timed('stop everything', cleanup);
    const left = markedProcesses();
    const { port } = state;
    const portLeft = port ? await portOpen(port) : false;
    if (left.length || portLeft || existsSync(runDir)) {
      record('test:editor', 'nothing left behind', false, `processes ${left.join(', ') || 'none'}, port ${port} ${portLeft ? 'still open' : 'closed'}, run folder ${existsSync(runDir) ? 'still there' : 'removed'}`);
    } else if (checks.length) {
      say(`stopped everything it started: no process left, ${port ? `port ${port} closed, ` : ''}run folder removed`);
    }
    timings.push(['total', (Date.now() - started) / 1000]);
    const width = Math.max(...timings.map(([l]) => l.length));
    console.log('test:editor: time split (seconds)');
    for (const [label, seconds] of timings) console.log(`  ${label.padEnd(width)}  ${seconds.toFixed(1)}`);
    writeFileSync(path.join(OUT, 'timings.json'), `${JSON.stringify(Object.fromEntries(timings), null, 2)}\n`);
    const bad = checks.filter((c) => !c.ok).length;
    if (checks.length) console.log(`${checks.length - bad} passed, ${bad} failed`);
    process.exitCode = failed || bad ? 1 : 0;
  }
}

await main();
