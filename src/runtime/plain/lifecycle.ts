/**
 * How a thread of a plain program lives and ends as under `node FILE`: its script runs, and the
 * thread ends when its event loop has nothing left (or on process.exit); an uncaught error ends it
 * as Node ends it (a Worker's 'error' event in its parent; the main thread prints it and exits 1).
 * The runner only watches: 'exit' and 'uncaughtExceptionMonitor' report how the thread ended,
 * without handling anything the program did not.
 */
import { pathToFileURL } from 'node:url';
import { ExitCause } from '../../shared/events';
import type { SerializedError, WorkerBoot } from '../../shared/worker-protocol';
import { postToSupervisor } from '../context';
import { reportExit, serializeError } from '../worker-entry';
import { startHeartbeat } from './heartbeat';
import { installPlain } from './install';
import { unwrap, type Wrapped } from './message-wrap';
import { setPortChannel } from './port-channels';
import { realParentPort as parentPort } from './real-threads';

/** What the runner's bootstrap lends a plain thread to load the program's code. */
export interface ScriptHooks {
  /** Imports a module by file: URL; `asMain` loads it as the program's main module (require.main). */
  load(url: string, asMain?: boolean): Promise<Record<string, unknown>>;
  /** Runs a Worker's `{ eval: true }` code as Node does: a script with require in scope. */
  evalScript(code: string): void;
}

/** Reports this thread's end when it comes: by an uncaught error, process.exit, or an empty loop. */
export function watchEnd(isMain: boolean, printErrors: boolean): void {
  process.on('uncaughtExceptionMonitor', (error) => {
    // Another listener handles it: the thread goes on.
    if (process.listenerCount('uncaughtException') > 0) return;
    if (printErrors) printUncaught(error);
    reportExit(1, ExitCause.THREW, serializeError(error));
  });
  process.on('exit', (code) => {
    const error: SerializedError | null = isMain && code !== 0
      ? { name: 'Error', message: `the program exited with code ${code}`, stack: `Error: the program exited with code ${code}` }
      : null;
    reportExit(code, code === 0 ? ExitCause.RETURNED : ExitCause.EXITED, error);
    if (isMain) postToSupervisor({ type: 'main-done', error: null });
  });
  startHeartbeat();
}

/** What Node prints for an uncaught error in the main thread (the runner's main is a worker). */
export function printUncaught(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `Uncaught ${String(error)}`;
  process.stderr.write(`${text}\n`);
}

/** A Worker the program created: its script or eval code, with its workerData and argv. */
export async function runThread(boot: WorkerBoot, hooks: ScriptHooks): Promise<void> {
  const spec = boot.thread!;
  // Buffers in workerData are adopted (their ids, their version words) before the program's code runs.
  const workerData = unwrap(spec.data as Wrapped);
  installPlain(boot, spec.threadId, workerData);
  if (parentPort) setPortChannel(parentPort, { obj: spec.channel.obj, slot: spec.channel.slot, peer: boot.parentPid });
  process.argv = [process.execPath, spec.eval ? '[worker eval]' : spec.script, ...spec.argv];
  watchEnd(false, false);
  if (spec.eval) hooks.evalScript(spec.script);
  else await hooks.load(pathToFileURL(spec.script).href, true);
}
