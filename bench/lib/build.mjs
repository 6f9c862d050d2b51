/**
 * Bundles what the benchmark measures into bench/.build/, with the same esbuild
 * options as scripts/build.mjs (CommonJS, the registry presets embedded as validated
 * data by the same plugin, the import.meta.url shim), so the figures are those of the
 * shipped code:
 *   engine.cjs  the engine's public surface (server/src/core/index.ts)
 *   bare.cjs    the baseline: unified().use(remarkParse), nothing else
 * Both come from the repository's own node_modules (bench/node_modules holds an older
 * unified for textlint) and are left unminified so CPU profiles name functions.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { presetsPlugin } from '../../scripts/presets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = path.resolve(here, '..', '..');
/** Where bundles and generated configs go (gitignored). */
export const BUILD_DIR = path.join(ROOT, 'bench', '.build');

const BARE_ENTRY = `
import { unified } from 'unified';
import remarkParse from 'remark-parse';
const processor = unified().use(remarkParse).freeze();
/** The bare baseline: a CommonMark parse to mdast, nothing more. */
export function parse(text) { return processor.parse(text); }
`;

/** Builds engine.cjs and bare.cjs; returns their absolute paths. */
export async function buildBundles() {
  const { build } = await import(path.join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js'));
  mkdirSync(BUILD_DIR, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Without this plugin the presets would arrive as YAML text, not data, and the
    // engine would run with an empty registry: figures for nothing.
    plugins: [presetsPlugin],
    logLevel: 'warning',
    legalComments: 'none',
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    absWorkingDir: ROOT,
    nodePaths: [path.join(ROOT, 'node_modules')],
  };
  const engine = path.join(BUILD_DIR, 'engine.cjs');
  const bare = path.join(BUILD_DIR, 'bare.cjs');
  await Promise.all([
    build({ ...common, entryPoints: [path.join(ROOT, 'server', 'src', 'core', 'index.ts')], outfile: engine }),
    build({ ...common, stdin: { contents: BARE_ENTRY, resolveDir: ROOT, loader: 'js', sourcefile: 'bench-bare-entry.js' }, outfile: bare }),
  ]);
  return { engine, bare };
}
