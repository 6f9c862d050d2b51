/**
 * Makes sure dist/server.js is built from the current sources before protocol tests
 * start it. Test files run in parallel workers, so the build runs under a lock
 * directory, and only when a source is newer than the bundle.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The bundled server the tests start. */
export const SERVER = path.join(ROOT, 'dist', 'server.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function fresh(): boolean {
  try {
    const built = statSync(SERVER).mtimeMs;
    const sources = Math.max(newest(path.join(ROOT, 'server', 'src')), newest(path.join(ROOT, 'server', 'registry')), statSync(path.join(ROOT, 'scripts', 'build.mjs')).mtimeMs);
    return built >= sources;
  } catch {
    return false;
  }
}

/** Builds the bundles (node scripts/build.mjs) unless dist/server.js is up to date. */
export function ensureBuilt(): void {
  if (fresh()) return;
  const lock = path.join(ROOT, 'dist', '.protocol-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      } catch {
        /* it went away meanwhile */
      }
      if (Date.now() - started > 180_000) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  } finally {
    rmdirSync(lock);
  }
}
