// Bundles the editor test suite (test/vscode/suite) into one CommonJS file that an
// extension host loads as its extensionTestsPath. Shared by run.mjs (@vscode/test-electron)
// and scripts/editor (code-server), so both hosts run the very same tests.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Writes the suite to `outfile`. `vscode` stays external (the host provides it); mocha
 * stays external too, but is required by its absolute path in this repository's
 * node_modules, so the bundle works wherever it is written (a run folder outside the clone).
 */
export async function bundleSuite(outfile) {
  const mocha = createRequire(path.join(ROOT, 'package.json')).resolve('mocha');
  await build({
    entryPoints: [path.join(ROOT, 'test', 'vscode', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode'],
    plugins: [
      {
        name: 'mocha-from-the-repository',
        setup(b) {
          b.onResolve({ filter: /^mocha$/ }, () => ({ path: mocha, external: true }));
        },
      },
    ],
    logLevel: 'warning',
  });
  return outfile;
}
