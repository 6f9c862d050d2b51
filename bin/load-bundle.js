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
const { isAscii } = require('node:buffer');
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const HASH_BYTES = 20;

/** The cache made for the bundle whose bytes are `bytes`, or undefined. */
function cachedDataFor(file, bytes) {
  let data;
  try {
    data = fs.readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
  const hash = crypto.createHash('sha1').update(bytes).digest();
  return data.length > HASH_BYTES && hash.equals(data.subarray(0, HASH_BYTES)) ? data.subarray(HASH_BYTES) : undefined;
}

/**
 * The bundle's text. esbuild writes ASCII (its default charset escapes the rest),
 * which reads as Latin-1 in a third of the time UTF-8 decoding takes (~5 ms of a
 * one-draft lint); anything else is decoded as UTF-8.
 */
function bundleText(bytes) {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Compiles `file` (an absolute path) as the body of a CommonJS module, with its code
 * cache when valid (`script.cachedDataRejected` is false when V8 took it). Returns
 * the script and the bundle's bytes.
 */
function compileBundle(file) {
  const bytes = fs.readFileSync(file);
  // No importModuleDynamically: Node 20 drops it for a script compiled from a code
  // cache, so the bundle must not use import() at all (test/cli/code-cache.test.ts).
  const script = new vm.Script(Module.wrap(bundleText(bytes)), { filename: file, cachedData: cachedDataFor(file, bytes) });
  return { script, bytes };
}

/**
 * Loads `file` (an absolute path) as a CommonJS module, with its code cache when
 * valid. Returns the compiled script and the bundle's bytes, from which
 * scripts/code-cache.mjs makes the cache after a run.
 */
function loadBundle(file, parent) {
  const { script, bytes } = compileBundle(file);
  const mod = new Module(file, parent);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { script, bytes };
}

/** The bytes of a cache file made from `script`, compiled from the bundle whose bytes are `bytes`. */
function cacheFileBytes(script, bytes) {
  return Buffer.concat([crypto.createHash('sha1').update(bytes).digest(), script.createCachedData()]);
}

module.exports = { compileBundle, loadBundle, cacheFileBytes };
