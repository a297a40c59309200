/**
 * A worker's life: announce itself, import the user's script, run its part (main, a Process
 * target, or a pool's task loop), and report how it ended — always, including after an uncaught
 * error or rejection, so that no worker dies unseen.
 */
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { PROC_EXIT_CODE, PROC_STATUS, ProcStatus, procIndex } from '../shared/control-block';
import { EventKind, ExitCause } from '../shared/events';
import type { SerializedError, WorkerBoot } from '../shared/worker-protocol';
import { RunStoppedError } from './blocking';
import { Channel } from './channel';
import { postToSupervisor, recordCpu, rt } from './context';
import { fromWire } from './handles';
import { decodeList, encodeList, listLength } from './wire-list';
import { importModule, loadExport, setModuleLoader } from './module-registry';
import { CTRL_NEXT_THREAD_ID } from '../shared/control-block';
import { installPlain } from './plain/install';
import { PointOp } from '../shared/sched-table';
import { schedGone, schedPoint } from './sched-point';
import { printUncaught, runThread, watchEnd, type ScriptHooks } from './plain/lifecycle';
import { forgetEachRun } from './run-scope';
import type { PoolWorkerSpec, ResultMessage, TaskFrame } from './pool';

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack ?? `${error.name}: ${error.message}` };
  }
  const text = (() => {
    try {
      return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
    } catch {
      return String(error);
    }
  })();
  return { name: 'Error', message: `non-Error thrown: ${text}`, stack: `non-Error thrown: ${text}` };
}

let reported = false;

/** Writes this worker's exit into the trace and the process table, once. */
export function reportExit(exitCode: number, cause: number, error: SerializedError | null): void {
  if (reported) return;
  reported = true;
  const r = rt();
  const pid = r.boot.pid;
  const errorId = error ? r.recorder.intern(firstStackLines(error)) : -1;
  const exitRecorded = r.recorder.record(EventKind.PROC_EXIT, pid, exitCode, errorId, cause, -1);
  // A ring still full at exit would keep its last drops (and maybe this exit) to itself: hand
  // them to the supervisor, which records them.
  const dropped = r.recorder.takeUnrecordedDrops();
  r.recorder.flush();
  Atomics.store(r.control, procIndex(pid, PROC_EXIT_CODE), exitCode);
  Atomics.store(r.control, procIndex(pid, PROC_STATUS), ProcStatus.EXITED);
  Atomics.notify(r.control, procIndex(pid, PROC_STATUS));
  schedGone();
  postToSupervisor({ type: 'exiting', pid, exitCode, error, cause, dropped, exitRecorded });
}

/** The message plus the first user frames: what a finding shows. */
function firstStackLines(error: SerializedError): string {
  const lines = error.stack.split('\n');
  const head = `${error.name}: ${error.message}`;
  const frames = lines.filter((l) => l.trimStart().startsWith('at ')).slice(0, 4);
  return [head, ...frames].join('\n');
}

let printFatal = false;

forgetEachRun(() => {
  reported = false;
  printFatal = false;
});

function onFatal(error: unknown): void {
  if (printFatal && !(error instanceof RunStoppedError)) printUncaught(error);
  if (error instanceof RunStoppedError) {
    reportExit(1, ExitCause.STOPPED, null);
  } else {
    reportExit(1, ExitCause.THREW, serializeError(error));
  }
  process.exit(1);
}

export async function runWorker(boot: WorkerBoot, hooks: ScriptHooks): Promise<void> {
  const r = rt();
  setModuleLoader((url, asMain) => hooks.load(url, asMain));
  // Under a controlled scheduler a new thread waits for its first turn before it runs anything,
  // even before it says it runs: a joiner waits for that word to change, and a change made while
  // the scheduler decides would make its decision depend on how fast this thread booted.
  schedPoint(PointOp.START, boot.pid);
  Atomics.store(r.control, procIndex(boot.pid, PROC_STATUS), ProcStatus.RUNNING);
  r.recorder.record(EventKind.PROC_BEGIN, boot.pid, boot.parentPid, 0, 0, -1);
  recordCpu();
  if (boot.role === 'thread') return runThread(boot, hooks);
  if (boot.role === 'main') return runMain(boot);
  installPlain(boot, Atomics.add(r.control, CTRL_NEXT_THREAD_ID, 1), null);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  neverFinishedIsAnError(boot);
  try {
    await importModule(boot.scriptUrl, true);
    if (boot.role === 'process' && boot.target) {
      const target = await loadExport(boot.target, 'the Process target');
      const args = fromWire(boot.args ?? []) as unknown[];
      await target(...args);
    } else if (boot.role === 'pool' && boot.pool) {
      await servePool(boot.pool as PoolWorkerSpec);
    }
  } catch (error) {
    onFatal(error);
    return;
  }
  await exitAfterReturn();
}

/**
 * The main worker: the program's main thread. A script that exports `main` runs it as the
 * Interleave API says (the run ends when it returns); any other script runs as `node FILE` runs
 * it: it ends when its event loop has nothing left, or on process.exit (plain/lifecycle.ts).
 */
async function runMain(boot: WorkerBoot): Promise<void> {
  installPlain(boot, 0, null);
  process.argv = [process.execPath, fileURLToPath(boot.scriptUrl)];
  printFatal = boot.plain === true;
  watchEnd(true, printFatal);
  let main: unknown;
  try {
    const namespace = await importModule(boot.scriptUrl, true, true);
    main = namespace.main ?? (namespace.default as Record<string, unknown> | undefined)?.main;
    if (typeof main !== 'function') return;
    process.on('uncaughtException', onFatal);
    process.on('unhandledRejection', onFatal);
    neverFinishedIsAnError(boot);
    await (main as () => unknown)();
  } catch (error) {
    onFatal(error);
    return;
  }
  await exitAfterReturn();
}

/**
 * The event loop ran empty while main (or the target) was still pending: it awaits a promise
 * nothing can settle any more. Say so, rather than letting the worker end as if it returned.
 */
function neverFinishedIsAnError(boot: WorkerBoot): void {
  process.once('beforeExit', () => {
    const what = boot.role === 'main' ? 'main()' : boot.role === 'process' ? `the Process target '${boot.target?.name ?? '?'}'` : 'the pool worker';
    onFatal(new Error(`${what} never finished: it awaits a promise that nothing can settle any more (the worker's event loop ran empty)`));
  });
}

/** Ends the worker after its part returned (main, a target, a pool's loop), as Python's do. */
async function exitAfterReturn(): Promise<void> {
  // One macrotask turn before the normal exit, so that a rejection nobody awaited (a forgotten
  // `await` in the target) reaches onFatal as a worker-error instead of dying with the worker.
  await new Promise((resolve) => setImmediate(resolve));
  recordCpu();
  reportExit(0, ExitCause.RETURNED, null);
  if (rt().boot.role === 'main') postToSupervisor({ type: 'main-done', error: null });
  // A warm thread returns to its loop (warm-thread.ts), which readies it for the next run.
  if (!rt().boot.warm) process.exit(0);
}

/** A pool worker's loop: take a chunk, run it, send the results (or the error) back. */
async function servePool(spec: PoolWorkerSpec): Promise<void> {
  const r = rt();
  const tasks = new Channel(spec.tasks);
  const results = new Channel(spec.results);
  for (;;) {
    // Idle pool workers wait untimed; the deadlock detector knows them by BlockReason.POOL.
    const frame = tasks.get(Infinity);
    if (!frame) continue;
    const message = deserialize(frame.bytes) as TaskFrame;
    if ('stop' in message) return;
    r.recorder.record(EventKind.TASK_START, spec.id, message.t, listLength(message.items), 0, -1);
    let reply: ResultMessage;
    try {
      const fn = await loadExport(message.f, 'the Pool task function');
      const items = decodeList(message.items);
      const values: unknown[] = new Array(items.length);
      for (let i = 0; i < items.length; i++) {
        let value = message.k === 'map' ? fn(items[i]) : fn(...(items[i] as unknown[]));
        if (value instanceof Promise) value = await value;
        values[i] = value;
      }
      reply = { t: message.t, ok: true, v: encodeList(values) };
    } catch (error) {
      reply = { t: message.t, ok: false, e: serializeError(error) };
    }
    r.recorder.record(EventKind.TASK_END, spec.id, message.t, reply.ok ? 1 : 0, 0, -1);
    results.put(serialize(reply), r.boot.pid, Infinity);
  }
}
