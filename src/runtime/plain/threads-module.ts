/**
 * The worker_threads module as the program's code sees it in each thread of a run, as Node would
 * show it under `node FILE`:
 *   - the program's main thread (the runner's main worker): isMainThread true, parentPort null,
 *     workerData null, threadId 0;
 *   - a Worker the program made: isMainThread false, its real parentPort (the program's channel to
 *     its parent; the runner talks to the supervisor on a port of its own), the program's
 *     workerData, the threadId of its Worker object;
 *   - a Process or Pool worker of the Interleave API: not a Worker of the program: parentPort null
 *     and workerData null, so the runner's own channel and boot data stay out of reach.
 * Worker, MessageChannel and receiveMessageOnPort are the recording ones (worker.ts, ports.ts).
 *
 * The builtin's exports object is patched in place, before any of the program's code loads, and
 * module.syncBuiltinESMExports() carries the change to `import { ... } from 'node:worker_threads'`.
 * The runtime itself read what it needs (its parentPort, its workerData) before.
 */
import Module from 'node:module';
import type { WorkerBoot } from '../../shared/worker-protocol';
import { installPorts } from './ports';
import { Worker } from './worker';

export function patchThreadsModule(boot: WorkerBoot, threadId: number, workerData: unknown): void {
  const exports = require('node:worker_threads') as Record<string, unknown>;
  installPorts(exports);
  exports.Worker = Worker;
  exports.threadId = threadId;
  if (boot.role === 'thread') {
    exports.workerData = workerData;
  } else {
    exports.isMainThread = boot.role === 'main';
    exports.parentPort = null;
    exports.workerData = null;
    // Node's main thread has no limits of its own (the runner's main worker has the run's).
    if (boot.role === 'main') exports.resourceLimits = {};
  }
  (Module as unknown as { syncBuiltinESMExports(): void }).syncBuiltinESMExports();
}
