/**
 * Runs FileProcessor over the file list and hands outcomes to `emit` strictly in
 * list order, as they become ready, so reports stream in a stable order.
 *
 * This thread always takes jobs itself. Worker threads (dist/cli-worker.js) join
 * only when they pay for themselves: more than one CPU, and at least
 * WORKER_MIN_BYTES of Markdown still to analyse when the first draft actually has
 * to be analysed (a run answered from --cache never starts one). Workers are seeded
 * with the glossaries already loaded and get jobs only once they report ready, so a
 * starting worker never holds up the report. Memory stays bounded: at most `window`
 * files are dispatched beyond the next one to emit, and each worker holds at most
 * PER_WORKER jobs.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
// Statically: a dynamic import() of a Node module fails under the CLI's code cache (bin/load-bundle.js).
import { Worker } from 'node:worker_threads';
import { ReadAhead } from './read-ahead';
import { FileProcessor, type Job, type Outcome, type RunSettings } from './task';
import type { WorkerInput } from './worker';

/**
 * Below this much Markdown left to analyse, starting a worker costs more than it
 * saves. A worker spends about 1 s of CPU loading and warming up its JIT, and on
 * our 2-core machines a second busy thread adds little: two processes linting 500
 * drafts each took 16.0 s side by side against 9.9 s for one alone (1.24x the
 * throughput), and V8's garbage collector already works on the second core. With
 * the former 384 KB, 100 drafts (2.2 MB) took 3.8 s with a worker and 3.2 s without;
 * 1,000 drafts (20 MB) take the same time either way, while a worker adds 40% CPU
 * time and 70 MB of peak memory. So workers start only for runs beyond anything
 * measured here. Where cores are real, a worker pays far sooner:
 * ALIGNMENT_TERMS_WORKERS=N forces N.
 */
export const WORKER_MIN_BYTES = 64 * 1024 * 1024;
/** Jobs queued per worker: one running, one waiting, so a worker never idles on a round trip. */
const PER_WORKER = 2;

/** How to run. */
export interface PipelineOptions {
  settings: RunSettings;
  jobs: Job[];
  /** Called in list order; may throw to stop the run (workers are then terminated). */
  emit: (outcome: Outcome) => void;
  /**
   * Worker threads: a number forces that many from the start (tests, benchmarks);
   * default: ALIGNMENT_TERMS_WORKERS if set, else decided as described above.
   */
  workers?: number;
}

/** Summary of a run for the caller. */
export interface PipelineResult {
  /** Some processor wrote a cache entry. */
  wroteCache: boolean;
}

interface Slot {
  worker: Worker;
  /** Jobs posted and not yet answered, by index. */
  inflight: Map<number, Job>;
  ready: boolean;
}

/**
 * Heap limits per worker. Drafts need far less (20 KB drafts run in 64 MB); the cap
 * keeps a worker from growing its heap lazily to the default size, which is most of
 * the difference in peak memory between one thread and two. A worker that still
 * runs out hands its jobs back to the main thread (which has no such cap).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/** Processes every job, emitting outcomes in order. Rejects with whatever `emit` throws. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { jobs, emit } = options;
  const workerFile = path.join(__dirname, 'cli-worker.js');
  const canUseWorkers = existsSync(workerFile);
  const env = process.env.ALIGNMENT_TERMS_WORKERS;
  const forced = options.workers ?? (env !== undefined && /^\d+$/.test(env) ? Number(env) : undefined);
  const spare = Math.max(0, availableParallelism() - 1);
  const processor = new FileProcessor(options.settings);
  // Only while this thread takes every job (spawning workers clears it: a job a worker
  // takes would leave its read behind), and never under --fix: a file read ahead could be one a fix rewrites first
  // (the same draft reached by two paths).
  const readAhead = options.settings.fix === 'off' ? new ReadAhead(jobs) : undefined;

  const ready = new Map<number, Outcome>();
  const pool: Slot[] = [];
  // Jobs of a worker that died (out of memory): this thread redoes them first.
  const retry: Job[] = [];
  let next = 0;
  let emitted = 0;
  let wroteCache = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  // Bytes from job i to the end: decides whether a worker still pays for itself.
  let remaining: number[] | undefined;
  const bytesFrom = (index: number) => {
    remaining ??= suffixSums(jobs);
    return remaining[index] ?? 0;
  };

  const spawn = (count: number) => {
    if (count <= 0 || !canUseWorkers) return;
    readAhead?.clear();
    // Load the next file's glossary here, so the workers start with it instead of parsing it again.
    if (next < jobs.length) processor.prime(jobs[next]);
    const input: WorkerInput = { settings: options.settings, seeds: processor.seeds() };
    for (let i = 0; i < count; i++) {
      const slot: Slot = { worker: new Worker(workerFile, { workerData: input, resourceLimits: WORKER_LIMITS }), inflight: new Map(), ready: false };
      const retire = () => {
        slot.ready = false;
        retry.push(...slot.inflight.values());
        retry.sort((a, b) => a.index - b.index);
        slot.inflight.clear();
        signal();
      };
      slot.worker.on('message', (message: { ready: true } | { outcome: Outcome; wroteCache: boolean }) => {
        if ('ready' in message) slot.ready = true;
        else {
          slot.inflight.delete(message.outcome.index);
          wroteCache ||= message.wroteCache;
          ready.set(message.outcome.index, message.outcome);
        }
        signal();
      });
      // A worker that fails (out of memory, or a crash) is retired; its files are redone here.
      slot.worker.on('error', retire);
      slot.worker.on('exit', retire);
      pool.push(slot);
    }
  };

  let decided = forced !== undefined;
  if (forced !== undefined) spawn(forced);
  const window = () => (pool.length + 1) * PER_WORKER * 2;
  // Until the emitter catches up, dispatch only within the window, so finished results never pile up.
  const canDispatch = () => next < jobs.length && next < emitted + window();

  try {
    let sinceYield = 0;
    while (emitted < jobs.length) {
      for (const slot of pool) {
        while (slot.ready && slot.inflight.size < PER_WORKER && canDispatch()) {
          const job = jobs[next++];
          slot.inflight.set(job.index, job);
          slot.worker.postMessage(job);
        }
      }
      while (ready.has(emitted)) {
        const outcome = ready.get(emitted)!;
        ready.delete(emitted);
        emitted++;
        emit(outcome);
      }
      if (emitted >= jobs.length) break;
      if (retry.length || canDispatch()) {
        // Every worker is busy or still starting (or there are none): this thread takes the next job.
        const job = retry.shift() ?? jobs[next++];
        const outcome = processor.process(job, await readAhead?.take(job));
        ready.set(outcome.index, outcome);
        if (!decided && outcome.analysed) {
          decided = true;
          if (spare > 0 && bytesFrom(next) >= WORKER_MIN_BYTES) spawn(Math.min(spare, Math.floor(bytesFrom(next) / WORKER_MIN_BYTES)));
        }
        // With workers, give their messages a turn after every job; alone, let output streams drain now and then.
        if (pool.length || ++sinceYield % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
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

/** sums[i] = total size of jobs[i..]; unreadable files count as empty (processing reports them). */
function suffixSums(jobs: readonly Job[]): number[] {
  const sums = new Array<number>(jobs.length + 1).fill(0);
  for (let i = jobs.length - 1; i >= 0; i--) {
    let size = 0;
    try {
      size = statSync(jobs[i].absolute).size;
    } catch {
      // reported when processed
    }
    sums[i] = sums[i + 1] + size;
  }
  return sums;
}
