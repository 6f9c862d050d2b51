/**
 * Runs the built CLI (`node bin/alignment-terms.js ...`) for the tests in test/cli.
 * buildCli() runs `node scripts/build.mjs` once per test file, under the same lock
 * file as the other CLI tests so parallel files never build at the same time, and
 * copies bin/ and dist/ into a private folder, so a later build cannot swap the
 * bundle out from under a running test. Output is plain (no terminal, no colour).
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** test/fixtures/cli. */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

let bin: string | undefined;

/** Builds the bundles and returns the path of a private copy of bin/alignment-terms.js. */
export function buildCli(): string {
  if (bin) return bin;
  const copy = mkdtempSync(path.join(os.tmpdir(), 'at-cli-'));
  // The launcher, its loader, the bundles and the code cache the build made for the CLI bundle.
  const bundles = ['cli.js', 'cli-worker.js', 'cli.js.cache'].map((f) => `dist/${f}`);
  const script = `node scripts/build.mjs && mkdir -p "${copy}/bin" "${copy}/dist" && cp bin/*.js "${copy}/bin/" && for f in ${bundles.join(' ')}; do if [ -f "$f" ]; then cp "$f" "${copy}/dist/"; fi; done`;
  execFileSync('flock', [path.join(os.tmpdir(), 'alignment-terms-build.lock'), 'sh', '-c', script], { cwd: ROOT, stdio: 'pipe' });
  bin = path.join(copy, 'bin', 'alignment-terms.js');
  if (!existsSync(path.join(copy, 'dist', 'cli.js'))) throw new Error('the build did not produce dist/cli.js');
  return bin;
}

/** What one run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a run: the caller's, without terminal, colour or CI hints. */
function runEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const clean = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'GITHUB_ACTIONS', 'ALIGNMENT_TERMS_WORKERS']) delete clean[key];
  return { ...clean, ...env };
}

/** Runs `alignment-terms ...args` in `cwd`, as a user's shell would without a terminal. */
export function cli(args: string[], cwd: string = FIXTURES, env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [buildCli(), ...args], { cwd, env: runEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** cli(), without blocking: a file's independent runs can overlap (describe.concurrent). */
export function cliAsync(args: string[], cwd: string = FIXTURES, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const script = buildCli();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { cwd, env: runEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (error && typeof code !== 'number') return reject(error);
      resolve({ code: code as number, stdout, stderr });
    });
  });
}

/** A fresh empty temporary folder (not inside any git repository). */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'at-cli-test-'));
}

/** Path -> content hash and mode of every file under `dir`, to prove nothing was written. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${stat.mode.toString(8)} ${stat.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}
