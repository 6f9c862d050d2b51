// Bundles the three entry points with esbuild (unified is ESM-only; the CommonJS
// bundles hide that from Node and VS Code). The registry presets are embedded as
// data, parsed and validated at build time (scripts/presets.mjs).
// Type-checking is `tsc -b` (npm test runs it); this script only bundles.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fdirPicomatchPlugin } from './fdir-picomatch.mjs';
import { generateGrammar } from './gen-grammar.mjs';
import { presetsPlugin } from './presets.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  plugins: [presetsPlugin, fdirPicomatchPlugin],
  logLevel: 'warning',
  legalComments: 'none',
  // Some ESM dependencies call createRequire(import.meta.url); give the CJS bundle one.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};
const entries = [
  { in: 'server/src/cli/bin.ts', out: 'dist/cli.js' },
  // The CLI's worker threads for large runs (server/src/cli/pipeline.ts loads it next to cli.js).
  { in: 'server/src/cli/worker.ts', out: 'dist/cli-worker.js' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
].filter((e) => existsSync(e.in));

const started = Date.now();
await Promise.all([
  ...entries.map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [], minify: !watch })),
  // The Markdown injection grammar, generated from the registry data (not committed).
  generateGrammar(),
]);
// The CLI's code cache (bin/load-bundle.js): made by running the new bundle once in a
// child process. Under --watch the bundle keeps changing: drop the cache instead.
const cache = 'dist/cli.js.cache';
if (watch) rmSync(cache, { force: true });
else {
  const made = spawnSync(process.execPath, ['scripts/code-cache.mjs'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (made.status !== 0) {
    rmSync(cache, { force: true });
    console.error(`alignment-terms: no code cache for dist/cli.js (the CLI only starts slower): ${made.stderr.trim().split('\n')[0] || `exit ${made.status}`}`);
  }
}
console.error(`alignment-terms: built ${entries.map((e) => e.out).join(', ')}, syntaxes/alignment-terms.injection.json${watch ? '' : `, ${cache}`} in ${Date.now() - started} ms`);
