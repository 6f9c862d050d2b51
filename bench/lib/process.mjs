/**
 * Whole-process measurements: wall time (from spawn to exit, start-up included) and
 * peak resident memory from /usr/bin/time (its "Maximum resident set size", the
 * kernel's high-water mark for the process).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR } from './build.mjs';

const TIME = '/usr/bin/time';

/** True when /usr/bin/time (GNU time) is installed. */
export function haveTime() {
  return existsSync(TIME);
}

/**
 * Runs `cmd args` in `cwd` with stdout to `stdoutFile`; returns { ms, maxRssBytes,
 * status, stderr }. Exit statuses in `okStatus` count as success; others throw with
 * the command's stderr, so a broken tool never yields a figure.
 */
export function timeProcess({ cmd, args, cwd }, stdoutFile, okStatus = [0]) {
  const timeOut = path.join(BUILD_DIR, 'time.out');
  const useTime = haveTime();
  const argv = useTime ? ['-f', '%M', '-o', timeOut, cmd, ...args] : args;
  const out = openSync(stdoutFile, 'w');
  const start = process.hrtime.bigint();
  const result = spawnSync(useTime ? TIME : cmd, argv, { cwd, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(out);
  if (result.error) throw new Error(`could not run ${cmd}: ${result.error.message}`);
  if (!okStatus.includes(result.status)) {
    throw new Error(`${path.basename(args[0] ?? cmd)} exited with status ${result.status}: ${(result.stderr ?? '').trim().slice(0, 800)}`);
  }
  let maxRssBytes = NaN;
  if (useTime) {
    const kb = Number(readFileSync(timeOut, 'utf8').trim().split('\n').pop());
    maxRssBytes = kb * 1024;
  }
  return { ms, maxRssBytes, status: result.status, stderr: result.stderr };
}
