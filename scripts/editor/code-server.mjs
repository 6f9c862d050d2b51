// One code-server (VS Code's workbench and Node extension host, from npm) for one run:
// a fresh profile in the run folder (user data, extensions, HOME, TMPDIR, so it writes
// nothing in the user's home or /tmp), the real .vsix installed into it, telemetry and
// update checks off, listening on 127.0.0.1 only, on a free port.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runTracked, startTracked } from './processes.mjs';

/** The extension's folder name once installed: publisher.name-version. */
function installedName(manifest) {
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
}

/** A port on 127.0.0.1 that was free a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Settings that keep the workbench quiet and offline: no welcome page, trust prompt,
// telemetry, update or recommendation checks, AI features or experiments.
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.hover.delay': 100,
};

/** Creates the profile folders under `runDir`; returns their paths and the environment code-server runs in. */
export function createProfile(runDir, node24) {
  const profile = {
    dir: path.join(runDir, 'code-server'),
    userData: path.join(runDir, 'code-server', 'user-data'),
    extensions: path.join(runDir, 'code-server', 'extensions'),
    home: path.join(runDir, 'code-server', 'home'),
    tmp: path.join(runDir, 'code-server', 'tmp'),
    config: path.join(runDir, 'code-server', 'config.yaml'),
    log: path.join(runDir, 'code-server', 'server.log'),
  };
  for (const dir of [profile.userData, profile.extensions, profile.home, profile.tmp]) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
  writeFileSync(path.join(profile.userData, 'User', 'settings.json'), `${JSON.stringify(SETTINGS, null, 2)}\n`);
  profile.env = {
    ...process.env,
    PATH: `${path.dirname(node24.bin)}${path.delimiter}${process.env.PATH}`,
    HOME: profile.home,
    XDG_CONFIG_HOME: path.join(profile.home, '.config'),
    XDG_DATA_HOME: path.join(profile.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(profile.home, '.cache'),
    TMPDIR: profile.tmp,
    // test/vscode/suite/index.ts then prints one JSON line per finished test.
    ALIGNMENT_TERMS_TEST_EVENTS: '1',
  };
  // Strip what `npm run` exported: it would leak into the extension host's environment.
  for (const key of Object.keys(profile.env)) if (/^npm_/i.test(key)) delete profile.env[key];
  return profile;
}

function baseArgs(profile) {
  return ['--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

/**
 * Installs `vsix` into the profile with `code-server --install-extension`; returns the
 * installed extension's folder. Throws with code-server's output when it fails.
 */
export async function installVsix(tools, profile, vsix, manifest) {
  writeFileSync(profile.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const log = path.join(profile.dir, 'install-extension.log');
  const status = await runTracked('code-server --install-extension', tools.node24.bin, [tools.codeServer.entry, ...baseArgs(profile), '--install-extension', vsix], {
    env: profile.env,
    logFile: log,
    timeoutMs: 180_000,
  });
  const folder = path.join(profile.extensions, installedName(manifest));
  if (status.code !== 0 || !existsSync(path.join(folder, 'package.json'))) {
    const found = existsSync(profile.extensions) ? readdirSync(profile.extensions).join(', ') || 'nothing' : 'no folder';
    throw new Error(`code-server --install-extension ${path.basename(vsix)} ${status.timedOut ? 'timed out' : `exited ${status.code ?? status.signal}`}; extensions folder holds ${found}:\n${readFileSync(log, 'utf8').trim()}`);
  }
  return folder;
}

/**
 * Starts code-server on a free 127.0.0.1 port and waits for /healthz. Resolves to
 * `{ url, port, child }`; rejects with the end of its log when it exits or is not up
 * within `timeoutMs`.
 */
export async function startCodeServer(tools, profile, { timeoutMs = 120_000 } = {}) {
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    writeFileSync(profile.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [
      tools.codeServer.entry,
      ...baseArgs(profile),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ];
    writeFileSync(profile.log, `$ ${tools.node24.bin} ${args.join(' ')}\n`, { flag: 'a' });
    const child = startTracked('code-server', tools.node24.bin, args, { env: profile.env, logFile: profile.log });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return { url, port, child };
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const tail = readFileSync(profile.log, 'utf8').trim().split('\n').slice(-10).join('\n');
    lastError = child.exitCode !== null || child.signalCode !== null ? `code-server exited ${child.exitCode ?? child.signalCode}:\n${tail}` : `code-server did not answer /healthz within ${timeoutMs / 1000} s:\n${tail}`;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    if (!/EADDRINUSE/.test(tail)) break; // only a lost race for the port is worth another try
  }
  throw new Error(lastError);
}

/**
 * Breaks the installed copy on purpose (ALIGNMENT_TERMS_EDITOR_BREAK=server-path): the
 * extension then starts a server module that does not exist, as a packaging mistake
 * would. Proves the editor suites fail, and say what the workbench showed, when the
 * shipped extension cannot start its server.
 */
export function breakServerPath(extensionFolder) {
  const file = path.join(extensionFolder, 'dist', 'extension.js');
  const text = readFileSync(file, 'utf8');
  if (!text.includes('"dist/server.js"')) throw new Error(`${file} does not name "dist/server.js"; cannot break it the planned way`);
  writeFileSync(file, text.replaceAll('"dist/server.js"', '"dist/no-such-server.js"'));
  return 'the installed extension starts dist/no-such-server.js instead of dist/server.js';
}
