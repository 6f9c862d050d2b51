// Makes dist/cli.js.cache: V8's code cache for the CLI bundle, taken after the
// bundle has linted the example drafts in this process, so that the functions a
// lint runs are in it too (not only what compiles eagerly). bin/load-bundle.js
// uses it; it is checked against the bundle's hash, so a stale one is ignored.
// Run by scripts/build.mjs after bundling; a failure here only costs speed.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli.js');
const { loadBundle, cacheFileBytes } = createRequire(import.meta.url)(path.join(root, 'bin', 'load-bundle.js'));

// The bundle runs its command line as it loads: a JSON lint of examples/ (output discarded by the caller).
process.argv = [process.argv[0], bundle, 'lint', '--format', 'json', path.join(root, 'examples')];
const { script, bytes } = loadBundle(bundle, undefined);
process.on('beforeExit', () => {
  writeFileSync(`${bundle}.cache`, cacheFileBytes(script, bytes));
  // The examples include a deliberate error (exit code 1); making the cache succeeded.
  process.exitCode = 0;
});
