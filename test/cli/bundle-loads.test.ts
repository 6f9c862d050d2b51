/**
 * The CLI bundle carries what it needs: run from a checkout, where node_modules sits
 * right beside dist/, it must still load nothing from there. A dependency that looks
 * for an optional package at run time (fdir's picomatch lookup, rewritten at build
 * time by scripts/fdir-picomatch.mjs) would otherwise be read from disk at every
 * start, and would behave differently in an install without node_modules.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT } from '../helpers/cli';

beforeAll(() => {
  // Builds dist/ in the checkout (and a private copy this test does not use).
  buildCli();
}, 120_000);

describe('the CLI bundle at run time', () => {
  it('loads no module from node_modules while it lints (node_modules is right beside it)', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_DEBUG: 'module', NO_COLOR: '1' };
    delete env.ALIGNMENT_TERMS_WORKERS;
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'alignment-terms.js'), 'lint', '--format', 'json', path.join(ROOT, 'examples')], { cwd: ROOT, env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    // NODE_DEBUG=module prints `load "<file>" for module ...` for every file it loads.
    const loaded = [...run.stderr.matchAll(/load "([^"]+)" for module/g)].map((m) => m[1]);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((file) => file.includes(`${path.sep}node_modules${path.sep}`))).toEqual([]);
  });
});
