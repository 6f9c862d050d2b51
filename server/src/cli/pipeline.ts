/**
 * Runs FileProcessor over the file list and hands outcomes to `emit` strictly in
 * list order, as they become ready, so reports stream in a stable order. Small runs
 * stay in this thread; large ones also use worker threads (dist/cli-worker.js),
 * with the main thread taking jobs too. Memory stays bounded: at most `window`
 * files are dispatched beyond the next one to emit, and each worker holds at most
 * PER_WORKER jobs.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { FileProcessor, type Job, type Outcome, type RunSettings } from './task';
import type { WorkerInput } from './worker';

/**
 * Below this much Markdown, starting a worker costs more than it saves: a worker
 * spends about 1 s of CPU loading and warming up its JIT, about what this thread
 * needs for 15 drafts of 20 KB (measured; see the report in docs/ci.md).
 */
export const WORKER_MIN_BYTES = 384 * 1024;
/** Jobs queued per worker: one running, one waiting, so a worker never idles on a round trip. */
const PER_WORKER = 2;

/** How to run. */
export interface PipelineOptions {
  settings: RunSettings;
  jobs: Job[];
  /** Called in list order; may throw to stop the run (workers are then terminated). */
  emit: (outcome: Outcome) => void;
  /** Worker threads to start; default: one per extra CPU when the files hold WORKER_MIN_BYTES or more. */
  workers?: number;
}

/** Summary of a run for the caller. */
export interface PipelineResult {
  /** Some processor wrote a cache entry. */
  wroteCache: boolean;
}

/** Processes every job, emitting outcomes in order. Rejects with whatever `emit` throws. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const workerFile = path.join(__dirname, 'cli-worker.js');
  const wanted = options.workers ?? defaultWorkers(options.jobs);
  const workers = wanted > 0 && existsSync(workerFile) ? wanted : 0;
  const processor = new FileProcessor(options.settings);
  if (workers === 0) {
    let count = 0;
    for (const job of options.jobs) {
      options.emit(processor.process(job));
      // Let asynchronous output streams drain now and then.
      if (++count % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { wroteCache: processor.wroteCache };
  }
  return runWithWorkers(options, processor, workerFile, workers);
}

/**
 * Worker count for `jobs`: ALIGNMENT_TERMS_WORKERS if set; else none for small runs
 * or a single CPU, else one per CPU beyond this thread, and no more than the work
 * pays for (one per WORKER_MIN_BYTES).
 */
export function defaultWorkers(jobs: readonly Job[]): number {
  const env = process.env.ALIGNMENT_TERMS_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  const spare = availableParallelism() - 1;
  if (spare < 1 || jobs.length < 2) return 0;
  let bytes = 0;
  for (const job of jobs) {
    try {
      bytes += statSync(job.absolute).size;
    } catch {
      // unreadable: processing reports it
    }
    if (bytes >= WORKER_MIN_BYTES * (spare + 1)) break;
  }
  return Math.min(spare, Math.floor(bytes / WORKER_MIN_BYTES));
}

async function runWithWorkers(options: PipelineOptions, processor: FileProcessor, workerFile: string, count: number): Promise<PipelineResult> {
  const { Worker } = await import('node:worker_threads');
  const { jobs, emit } = options;
  const window = (count + 1) * PER_WORKER * 2;
  const ready = new Map<number, Outcome>();
  let next = 0;
  let emitted = 0;
  let wroteCache = false;
  let failure: unknown;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  // Load the first file's glossary here, so the workers start with it instead of parsing it again.
  processor.prime(jobs[0]);
  const input: WorkerInput = { settings: options.settings, seeds: processor.seeds() };
  const pool: { worker: Worker; busy: number; ready: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(workerFile, { workerData: input });
    const slot = { worker, busy: 0, ready: false };
    worker.on('message', (message: { ready: true } | { outcome: Outcome; wroteCache: boolean }) => {
      if ('ready' in message) {
        slot.ready = true;
        signal();
        return;
      }
      slot.busy--;
      wroteCache ||= message.wroteCache;
      ready.set(message.outcome.index, message.outcome);
      signal();
    });
    worker.on('error', (error) => {
      failure ??= error;
      signal();
    });
    worker.on('exit', (code) => {
      if (slot.busy > 0 && failure === undefined) failure = new Error(`a worker thread stopped (exit code ${code}) with files still to do`);
      slot.busy = 0;
      slot.ready = false;
      signal();
    });
    pool.push(slot);
  }
  // Until the emitter catches up, dispatch only within the window, so finished results never pile up.
  const canDispatch = () => next < jobs.length && next < emitted + window;

  try {
    while (emitted < jobs.length) {
      if (failure !== undefined) throw failure;
      for (const slot of pool) {
        while (slot.ready && slot.busy < PER_WORKER && canDispatch()) {
          slot.busy++;
          slot.worker.postMessage(jobs[next++]);
        }
      }
      while (ready.has(emitted)) {
        const outcome = ready.get(emitted)!;
        ready.delete(emitted);
        emitted++;
        emit(outcome);
      }
      if (emitted >= jobs.length) break;
      if (canDispatch()) {
        // Every worker is full or still starting: this thread takes the next job itself.
        const outcome = processor.process(jobs[next++]);
        ready.set(outcome.index, outcome);
        // Give worker messages a turn before the next job.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (!ready.has(emitted)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } finally {
    await Promise.all(pool.map(({ worker }) => worker.terminate()));
  }
  return { wroteCache: wroteCache || processor.wroteCache };
}
