/**
 * Worker-thread entry (bundled to dist/cli-worker.js): says `{ ready: true }` once
 * loaded, then processes the jobs the main thread posts, one at a time, and posts
 * each Outcome back. Settings arrive once as
 * workerData, with the glossaries the main thread already loaded (so the worker
 * compiles them instead of parsing and validating YAML again); glossary and cache
 * state live for the worker's lifetime.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RegistrySeed } from './config';
import { FileProcessor, type Job, type RunSettings } from './task';

/** What the main thread passes as workerData. */
export interface WorkerInput {
  settings: RunSettings;
  seeds: RegistrySeed[];
}

const input = workerData as WorkerInput;
const processor = new FileProcessor(input.settings, input.seeds);
processor.warm();
parentPort!.on('message', (job: Job) => {
  const outcome = processor.process(job);
  parentPort!.postMessage({ outcome, wroteCache: processor.wroteCache });
});
// Until this arrives the main thread keeps the jobs to itself: a starting worker must not hold up the report.
parentPort!.postMessage({ ready: true });
