/**
 * The `interleave` module: Python's multiprocessing API for Node worker_threads, traced.
 * User scripts import it; the runner resolves the import to this bundle, so nothing is installed.
 *
 * Inside a run, every worker thread's workerData carries its boot data; this module picks it up
 * when first loaded, before the user's code runs.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type { WorkerBoot } from '../shared/worker-protocol';
import { initRuntime, isInsideRun } from './context';
import { runWorker } from './worker-entry';
import { serveRuns, type WarmHooks } from './warm-thread';
import type { ScriptHooks } from './plain/lifecycle';

const boot = !isMainThread ? (workerData as { interleave?: WorkerBoot } | null)?.interleave : undefined;
if (boot && !isInsideRun()) initRuntime(boot);

export { Process, type ProcessOptions } from './process';
export { Value, type SharedDataOptions } from './value';
export { SharedArray, SharedArray as Array } from './shared-array';
export { Lock, RLock, type SyncOptions } from './lock';
export { Semaphore, BoundedSemaphore } from './semaphore';
export { Event } from './event';
export { Condition } from './condition';
export { Barrier, BrokenBarrierError, type BarrierOptions } from './barrier';
export { Queue, Empty, Full, type QueueOptions } from './queue';
export { Pool, TaskError } from './pool';
export { cpuCount, currentProcess, sleep, mark, span } from './misc';
export type { Typecode } from './typecodes';

/** True in the worker that runs the script's main (Python's `if __name__ == "__main__"`). A `let`:
 *  a warm thread (warm-thread.ts) serves one run as main, the next as a Process. */
export let isMainProcess: boolean = boot?.role === 'main';

/** For the runner's worker bootstrap only: not part of the API. */
export const __interleaveInternal = {
  runWorker: (hooks: ScriptHooks): Promise<void> => {
    if (!boot) throw new Error('interleave: not inside a run');
    return runWorker(boot, hooks);
  },
  /** A warm thread (no boot in its workerData): serves the runs the supervisor sends it. */
  serveRuns: (hooks: WarmHooks): void => {
    serveRuns(hooks, (next) => {
      isMainProcess = next.role === 'main';
    });
  },
};
