/**
 * Worker-thread entry (bundled to dist/cli-worker.js): processes the jobs the main
 * thread posts, one at a time, and posts each Outcome back. Settings arrive once as
 * workerData; the glossary and cache state live for the worker's lifetime.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileProcessor, type Job, type RunSettings } from './task';

const processor = new FileProcessor(workerData as RunSettings);
parentPort!.on('message', (job: Job) => {
  const outcome = processor.process(job);
  parentPort!.postMessage({ outcome, wroteCache: processor.wroteCache });
});
