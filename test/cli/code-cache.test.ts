/**
 * The CLI starts from V8's code cache that the build makes for dist/cli.js
 * (bin/load-bundle.js). The cache only ever saves time: a cache made for another
 * bundle, or one V8 cannot use, must leave every run exactly as without it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT, type CliRun } from '../helpers/cli';

const EXAMPLES = path.join(ROOT, 'examples');
let bin: string;
let bundle: string;

beforeAll(() => {
  bin = buildCli();
  bundle = path.join(path.dirname(bin), '..', 'dist', 'cli.js');
}, 120_000);

/** Runs one installed copy of the CLI (plain output: no terminal, no colour). */
function runCli(launcher: string, args: string[], extra: NodeJS.ProcessEnv = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of ['FORCE_COLOR', 'CI', 'GITHUB_ACTIONS', 'ALIGNMENT_TERMS_WORKERS']) delete env[key];
  Object.assign(env, extra);
  const result = spawnSync(process.execPath, [launcher, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A private copy of the launcher and bundles, with `cache` as dist/cli.js.cache (or none). */
function installWith(cache: Buffer | null): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'at-cache-'));
  cpSync(path.join(path.dirname(bin), '..'), dir, { recursive: true });
  const file = path.join(dir, 'dist', 'cli.js.cache');
  rmSync(file, { force: true });
  if (cache) writeFileSync(file, cache);
  return path.join(dir, 'bin', 'alignment-terms.js');
}

describe('the code cache of the CLI bundle', () => {
  it('is made by the build for exactly the bundle it built', () => {
    const cache = readFileSync(`${bundle}.cache`);
    const hash = createHash('sha1').update(readFileSync(bundle, 'utf8')).digest();
    expect(cache.subarray(0, 20).equals(hash)).toBe(true);
    expect(cache.length).toBeGreaterThan(100_000);
  });

  it('is taken by V8 for the bundle as the launcher reads it', () => {
    const { compileBundle } = createRequire(import.meta.url)(path.join(path.dirname(bin), 'load-bundle.js'));
    expect(compileBundle(bundle).script.cachedDataRejected).toBe(false);
  });

  it('is for a bundle without import(): Node 20 cannot import from a script compiled from a code cache', () => {
    // esbuild turns import() of our own modules into plain calls; one of a Node module stays.
    expect(readFileSync(bundle, 'utf8').match(/\bimport\((?!\))/g) ?? []).toEqual([]);
  });

  it('changes nothing a run prints, whether valid, missing, made for another bundle, or unusable by V8', () => {
    const args = ['lint', '--format', 'json', EXAMPLES];
    const reference = runCli(installWith(null), args);
    // The worker path too (it once imported node:worker_threads dynamically).
    expect(runCli(installWith(readFileSync(`${bundle}.cache`)), [...args], { ALIGNMENT_TERMS_WORKERS: '1' })).toEqual(reference);
    expect(reference.code).toBe(1);
    expect(reference.stdout).toContain('"rule":"unknown-pin"');
    const valid = readFileSync(`${bundle}.cache`);
    const hash = valid.subarray(0, 20);
    const cases: [string, Buffer][] = [
      ['valid', valid],
      ['for another bundle', Buffer.concat([Buffer.alloc(20, 7), valid.subarray(20)])],
      ['right hash, garbage for V8', Buffer.concat([hash, Buffer.alloc(4096, 1)])],
      ['truncated', hash.subarray(0, 10)],
    ];
    for (const [name, cache] of cases) {
      const run = runCli(installWith(cache), args);
      expect({ name, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ name, code: reference.code, stdout: reference.stdout, stderr: reference.stderr });
    }
  }, 120_000);
});
