'use strict';
/**
 * Runs a CommonJS bundle as `require` would, but compiled with V8's code cache when
 * one was made for exactly this bundle (scripts/code-cache.mjs writes
 * `BUNDLE.cache` at build time). Compiling the 600 KB CLI bundle, and the first
 * compile of every function a lint runs, is a fixed cost of each run that a short
 * run (one draft, a pre-commit hook) feels.
 *
 * The cache file starts with the SHA-1 of the bundle it was made from; V8 itself
 * only checks the source length, so after a rebuild a stale cache could otherwise
 * be taken for the new bundle. A missing, stale or rejected cache (another Node
 * version) means an ordinary compile: never an error.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const HASH_BYTES = 20;

/** The cache made for `source`, or undefined. */
function cachedDataFor(file, source) {
  let data;
  try {
    data = fs.readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
  const hash = crypto.createHash('sha1').update(source).digest();
  return data.length > HASH_BYTES && hash.equals(data.subarray(0, HASH_BYTES)) ? data.subarray(HASH_BYTES) : undefined;
}

/**
 * Loads `file` (an absolute path) as a CommonJS module, with its code cache when
 * valid. Returns the compiled script, from which scripts/code-cache.mjs makes the
 * cache after a run.
 */
function loadBundle(file, parent) {
  const source = fs.readFileSync(file, 'utf8');
  // No importModuleDynamically: Node 20 drops it for a script compiled from a code
  // cache, so the bundle must not use import() at all (test/cli/code-cache.test.ts).
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cachedDataFor(file, source) });
  const mod = new Module(file, parent);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { script, source };
}

/** The bytes of a cache file for `source` made from `script`. */
function cacheFileBytes(script, source) {
  return Buffer.concat([crypto.createHash('sha1').update(source).digest(), script.createCachedData()]);
}

module.exports = { loadBundle, cacheFileBytes };
