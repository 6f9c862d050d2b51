// Every process test:editor starts, and how it is stopped. Each child leads its own
// process group, so one kill reaches what it spawned (code-server's extension host and
// our language server under it, Chromium's helpers, npm's node-gyp). Children also carry
// ALIGNMENT_TERMS_EDITOR_RUN=<run folder> in their environment; the final sweep kills,
// by pid, any process still carrying it (one that left its group, e.g. a daemonised
// helper), so a run leaves nothing behind, also when it fails or is interrupted.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

const MARKER_VAR = 'ALIGNMENT_TERMS_EDITOR_RUN';
/** pid -> name of each live process group this run started. */
const groups = new Map();
let marker = '';

/** Sets the value every child's environment carries (the run folder); returns that env entry. */
export function markRun(runDir) {
  marker = runDir;
  return { [MARKER_VAR]: runDir };
}

/** The environment for a child: `env` plus the run marker. */
export function childEnv(env) {
  return marker ? { ...env, [MARKER_VAR]: marker } : { ...env };
}

/**
 * Starts `cmd args` as the leader of a new process group, tracked until it exits.
 * Output goes to `logFile` (appended) unless `stdio` is given.
 */
export function startTracked(name, cmd, args, { env = process.env, cwd, logFile, stdio } = {}) {
  const fd = logFile ? openSync(logFile, 'a') : undefined;
  const child = spawn(cmd, args, {
    cwd,
    env: childEnv(env),
    detached: true,
    stdio: stdio ?? ['ignore', fd ?? 'ignore', fd ?? 'ignore'],
  });
  if (fd !== undefined) closeSync(fd);
  if (child.pid) groups.set(child.pid, name);
  child.once('exit', () => groups.delete(child.pid));
  child.once('error', () => groups.delete(child.pid));
  return child;
}

/** Resolves when `child` exits: its code (null when killed), signal, and whether the time ran out. */
export function waitForExit(child, timeoutMs) {
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup(child.pid, 'SIGKILL');
        }, timeoutMs)
      : undefined;
    const done = (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut });
    };
    if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode, child.signalCode);
    child.once('exit', done);
    child.once('error', (error) => done(null, String(error.message ?? error)));
  });
}

/** startTracked + waitForExit: runs a command to its end within `timeoutMs`. */
export function runTracked(name, cmd, args, options = {}) {
  return waitForExit(startTracked(name, cmd, args, options), options.timeoutMs);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is gone already */
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of live processes whose environment carries this run's marker (never this process). */
export function markedProcesses() {
  if (!marker) return [];
  const needle = `\0${MARKER_VAR}=${marker}\0`;
  const found = [];
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found; // not Linux: the process groups are all we have
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (`\0${readFileSync(`/proc/${entry}/environ`, 'latin1')}`.includes(needle)) found.push(Number(entry));
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return found;
}

/** Stops everything: SIGTERM to each group, up to `graceMs` to exit, then SIGKILL; then the marker sweep. */
export async function stopAll(graceMs = 5000) {
  const pids = [...groups.keys()];
  for (const pid of pids) killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  stopAllNow();
  // SIGKILL is not instant: give the kernel a moment, so the caller's ps/ss sees a clean machine.
  for (let i = 0; i < 20 && markedProcesses().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
}

/** Synchronous last resort (for process 'exit'): SIGKILL every group and every marked process. */
export function stopAllNow() {
  for (const pid of groups.keys()) killGroup(pid, 'SIGKILL');
  groups.clear();
  for (const pid of markedProcesses()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
