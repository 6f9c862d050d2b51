// The Neovim suite: headless Neovim (0.7+) runs the language server as
// `node dist/server.js --stdio` through its own LSP client (driver.lua) on a copy of
// examples/01-unsettled-draft.md; this file judges what the client saw. Used by
// scripts/editor/run.mjs; also runnable alone (`node test/neovim/run.mjs`, after a
// build), printing one line per check and an "N passed, N failed" line.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', '01-unsettled-draft.md');
const SENSES = ['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused'];
const PIN_TITLE = 'Pin inner alignment to "generalization-focused" for this document';

/** One check: a name a reader understands, whether it held, and what was seen when it did not. */
function check(name, ok, seen) {
  return { name, ok: Boolean(ok), detail: ok ? '' : `saw ${JSON.stringify(seen)}` };
}

/** Judges the driver's JSON result; returns the list of checks. */
export function judge(result) {
  const texts = (list) => (list ?? []).map((d) => d.text);
  const hover = typeof result.hover?.contents === 'string' ? result.hover.contents : (result.hover?.contents?.value ?? '');
  const checks = [
    check('the server initializes and publishes diagnostics to Neovim', result.diagnostics?.length > 0, result.error ?? result.steps),
    check(
      'the four ambiguous uses are flagged as ambiguous-term warnings',
      JSON.stringify(texts(result.diagnostics)) === JSON.stringify(['inner misalignment', 'outer misalignment', 'outer alignment', 'inner alignment']) &&
        result.diagnostics.every((d) => d.code === 'ambiguous-term' && d.severity === 2),
      result.diagnostics,
    ),
    check('the hover on "inner misalignment" lists the four competing senses', /inner alignment/.test(hover) && SENSES.every((s) => hover.includes(s)), hover || result.error),
    check(`the preferred quick fix is "${PIN_TITLE}"`, result.applied === PIN_TITLE, result.code_actions ?? result.error),
    check(
      'applying it writes the pin into front matter in the buffer',
      (result.after_fix ?? '').startsWith('---\nalignment-terms:\n  inner-alignment: generalization-focused\n---\n'),
      (result.after_fix ?? result.error ?? '').slice(0, 120),
    ),
    check('after the fix only the two outer-alignment flags remain', JSON.stringify(texts(result.diagnostics_after)) === JSON.stringify(['outer misalignment', 'outer alignment']), result.diagnostics_after ?? result.error),
  ];
  return checks;
}

/**
 * Runs the driver under `nvim` with `node` and `server`, in `workDir` (its XDG folders
 * too, so Neovim writes nothing in the user's home). `run(name, cmd, args, options)`
 * starts the process (scripts/editor passes its tracked runner). Resolves to
 * `{ checks, result, stderr }`.
 */
export async function runNeovimSuite({ nvim, node = process.execPath, server = path.join(ROOT, 'dist', 'server.js'), workDir, run }) {
  mkdirSync(workDir, { recursive: true });
  const doc = path.join(workDir, '01-unsettled-draft.md');
  const out = path.join(workDir, 'result.json');
  const log = path.join(workDir, 'nvim.log');
  copyFileSync(EXAMPLE, doc);
  const xdg = Object.fromEntries(['XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME'].map((k) => [k, path.join(workDir, 'xdg')]));
  const env = { ...process.env, ...xdg, NODE: node, SERVER: server, DOC: doc, OUT: out, TERM_TEXT: 'inner misalignment' };
  const args = ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(HERE, 'driver.lua')}`];
  const status = await run('nvim', nvim, args, { cwd: workDir, env, logFile: log, timeoutMs: 120_000 });
  let result;
  try {
    result = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    result = { ok: false, error: `nvim ${status.timedOut ? 'timed out' : `exited ${status.code ?? status.signal}`} without writing a result` };
  }
  const stderr = existsSync(log) ? readFileSync(log, 'utf8').trim() : '';
  return { checks: judge(result), result, stderr };
}

// Alone: `node test/neovim/run.mjs` (needs nvim on PATH and a built dist/server.js).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { spawn } = await import('node:child_process');
  const { openSync } = await import('node:fs');
  const run = (name, cmd, args, { cwd, env, logFile, timeoutMs }) =>
    new Promise((resolve) => {
      const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('exit', (code, signal) => (clearTimeout(timer), resolve({ code, signal, timedOut: false })));
      child.on('error', (error) => (clearTimeout(timer), resolve({ code: null, signal: error.message, timedOut: false })));
    });
  const workDir = mkdtempSync(path.join(tmpdir(), 'alignment-terms-nvim-'));
  try {
    const { checks } = await runNeovimSuite({ nvim: process.env.NVIM_BIN ?? 'nvim', workDir, run });
    for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} neovim: ${c.name}${c.ok ? '' : ` (${c.detail})`}`);
    const failed = checks.filter((c) => !c.ok).length;
    console.log(`${checks.length - failed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
