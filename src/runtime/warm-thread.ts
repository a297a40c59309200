/**
 * A warm thread: one worker thread that serves run after run of one script (`interleave explore`
 * runs a script hundreds of times; booting a thread and loading the runtime costs ~50 ms, a
 * scheduled run of a small script ~5 ms). Between runs it forgets everything a run left, so that
 * each run starts as in a new thread:
 *   - the runtime's per-run state (run-scope.ts: every module registers its own),
 *   - the listeners a run added to `process` (uncaught errors, exit, beforeExit),
 *   - the user's modules (the loader's forgetModules: the next run evaluates the script afresh,
 *     as Python's spawn start method imports it afresh in each process).
 * A run that leaves anything pending behind (a timer, an open handle, a Worker the program made)
 * could act in the next one: such a thread says so and exits instead of serving again, and so does
 * one whose part ended by an uncaught error (worker-entry.ts exits as in a cold thread).
 *
 * The thread's port to the supervisor is unref'd during a run, as a cold thread's is: a part that
 * awaits what nothing can settle empties the event loop and is reported as such ('beforeExit').
 */
import type { WarmBootMessage, WorkerBoot } from '../shared/worker-protocol';
import { initRuntime, postToSupervisor } from './context';
import { realParentPort } from './plain/real-threads';
import type { ScriptHooks } from './plain/lifecycle';
import { startNextRun } from './run-scope';
import { runWorker } from './worker-entry';

export interface WarmHooks extends ScriptHooks {
  /** Drops the user's modules from the loader's cache: the next run imports them afresh. */
  forgetModules(): void;
}

const RUN_EVENTS = ['uncaughtException', 'unhandledRejection', 'uncaughtExceptionMonitor', 'exit', 'beforeExit'] as const;
type RunEvent = (typeof RUN_EVENTS)[number];
type Listener = (...args: unknown[]) => void;
/** process's listener methods, taken for any event name (its typings overload each event). */
const processEvents = process as unknown as {
  listeners(event: RunEvent): Listener[];
  on(event: RunEvent, listener: Listener): void;
  removeAllListeners(event: RunEvent): void;
};

/** Resources of our own that stay between runs: the port to the supervisor is the only one. */
const OWN_RESOURCES = new Set(['MessagePort']);

function isWarmBoot(message: unknown): message is WarmBootMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'interleave-boot';
}

/** Serves runs until the supervisor terminates this thread. `onBoot` sees each run's boot first. */
export function serveRuns(hooks: WarmHooks, onBoot: (boot: WorkerBoot) => void): void {
  const port = realParentPort;
  if (!port) throw new Error('interleave: a warm thread must be a worker thread');
  const listeners = new Map<RunEvent, Listener[]>(RUN_EVENTS.map((event) => [event, processEvents.listeners(event)]));
  port.on('message', (message: unknown) => {
    if (isWarmBoot(message)) void serveOne(message.boot);
  });

  async function serveOne(boot: WorkerBoot): Promise<void> {
    onBoot(boot);
    initRuntime(boot);
    port!.unref();
    await runWorker(boot, hooks);
    port!.ref();
    const reusable = nothingPending();
    // Sent before the runtime forgets its link to this run's supervisor.
    postToSupervisor({ type: 'idle', pid: boot.pid, reusable });
    if (!reusable) process.exit(0);
    startNextRun();
    for (const event of RUN_EVENTS) {
      processEvents.removeAllListeners(event);
      for (const listener of listeners.get(event)!) processEvents.on(event, listener);
    }
    hooks.forgetModules();
  }
}

/** Whether the run left nothing that could act later (a ref'd timer, a socket, a Worker). */
function nothingPending(): boolean {
  return process.getActiveResourcesInfo().every((kind) => OWN_RESOURCES.has(kind));
}
