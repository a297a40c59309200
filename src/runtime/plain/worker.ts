/**
 * The Worker class a plain program sees: Node's own Worker (so messaging, ports, transferList,
 * resourceLimits, env, argv, stdio, ref/unref, terminate and the 'online', 'message', 'error' and
 * 'exit' events behave as Node's, by construction), started on the runner's worker bootstrap
 * instead of the program's file. The bootstrap installs the instrumentation in the new thread and
 * then runs the program's file (or eval code) with the program's workerData.
 *
 * What the creating thread does besides: gives the thread its pid, its threadId in Node's
 * numbering (main 0, then 1, 2, ... in creation order), a ring of its own and a port to the
 * supervisor (announced to the supervisor through this thread's own link), opens the Worker ⇄
 * parentPort channel, and records PROC_START. It watches the object's 'error' and 'exit' events
 * (through emit, so the program's listener counts stay as they were): an 'error' is drawn
 * (handled or not), and an exit the thread did not report itself (terminate()) is recorded here.
 *
 * Nested Workers die with their parent, as in Node: when the supervisor stops the run it
 * terminates the threads it started, and Node stops every thread those started in turn.
 */
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { RealMessageChannel, RealWorker } from './real-threads';
import { CTRL_NEXT_THREAD_ID, PROC_EXIT_CODE, PROC_STATUS, ProcStatus, procIndex } from '../../shared/control-block';
import { allocateEventRing } from '../../shared/event-ring';
import { EventKind, ExitCause } from '../../shared/events';
import type { ThreadSpec, WorkerBoot } from '../../shared/worker-protocol';
import { callerLocation, nextProcessId, postToSupervisor, rt } from '../context';
import { wrap } from './message-wrap';
import { newChannel, type PortChannel } from './port-channels';
import { sendOn } from './ports';
import { plainRecorder, recordWorkerError } from './record';

/** Node's error for a path that is neither absolute nor ./-relative. */
function workerPathError(filename: string): TypeError {
  const error = new TypeError(
    'The worker script or module filename must be an absolute path or a relative path starting with \'./\' or \'../\'.' +
      ` Received "${filename}"`,
  );
  (error as NodeJS.ErrnoException).code = 'ERR_WORKER_PATH';
  return error;
}

/** The script path a Worker names, or null when it is not a file the bootstrap can load. */
function scriptPath(filename: unknown): string | null {
  if (filename instanceof URL) return filename.protocol === 'file:' ? fileURLToPath(filename) : null;
  if (typeof filename !== 'string') return null;
  if (filename.startsWith('file:')) return fileURLToPath(filename);
  if (/^[a-z][a-z0-9+.-]*:/i.test(filename) && !isAbsolute(filename)) return null;
  if (isAbsolute(filename)) return filename;
  if (filename.startsWith('./') || filename.startsWith('../') || filename.startsWith('.\\') || filename.startsWith('..\\')) return resolve(filename);
  throw workerPathError(filename);
}

const bootstrapPath = join(__dirname, 'worker.js');

/**
 * Node's own code reads `this.threadId` to register and unregister the thread's port to the
 * process's main thread (postMessageToThread): in the constructor (before this class's fields
 * exist) and in its exit handler (kOnExit). Both must see the real id, not the program's number.
 */
const kOnExit = Object.getOwnPropertySymbols(RealWorker.prototype).find((symbol) => symbol.description === 'kOnExit');

export class Worker extends RealWorker {
  readonly #pid: number;
  readonly #threadId: number;
  readonly #channel: PortChannel | null;
  #exited = false;
  #inNodeExit = false;
  #error: string | null = null;

  constructor(filename: string | URL, options: WorkerOptions = {}) {
    const r = rt();
    const evaluated = options.eval === true;
    const path = evaluated ? null : scriptPath(filename);
    if (!evaluated && path === null) {
      // Not a file (a data: URL, say): Node runs it as it is, untraced.
      super(filename, options);
      this.#pid = -1;
      this.#threadId = Atomics.add(r.control, CTRL_NEXT_THREAD_ID, 1);
      this.#channel = null;
      return;
    }
    const loc = callerLocation();
    const pid = nextProcessId();
    const threadId = Atomics.add(r.control, CTRL_NEXT_THREAD_ID, 1);
    const name = options.name !== undefined ? String(options.name) : `worker-${threadId}`;
    const made = newChannel(`${r.boot.name} ⇄ ${name}`, loc);
    const channel: PortChannel = { ...made, peer: pid };
    const { port1: childLink, port2: supervisorSide } = new RealMessageChannel();
    const ring = allocateEventRing(r.boot.threadRingCapacity, r.boot.memory.doorbell);
    const transferList = [...(options.transferList ?? [])];
    const spec: ThreadSpec = {
      script: evaluated ? String(filename) : path!,
      eval: evaluated,
      threadId,
      channel: made,
      data: wrap(options.workerData, transferList, made.obj, 0, r.boot.pid),
      argv: (options.argv ?? []).map(String),
      link: childLink,
    };
    const boot: WorkerBoot = {
      memory: r.boot.memory,
      ring: ring.buffer,
      pid,
      parentPid: r.boot.pid,
      name,
      role: 'thread',
      scriptUrl: r.boot.scriptUrl,
      epochHrMs: r.boot.epochHrMs,
      cpuCount: r.boot.cpuCount,
      locations: r.boot.locations,
      recording: r.boot.recording,
      threadRingCapacity: r.boot.threadRingCapacity,
      thread: spec,
    };
    Atomics.store(r.control, procIndex(pid, PROC_STATUS), ProcStatus.STARTING);
    try {
      super(bootstrapPath, {
        ...options,
        eval: false,
        name,
        argv: [],
        workerData: { interleave: boot },
        transferList: [...transferList, childLink] as never,
      });
    } catch (error) {
      Atomics.store(r.control, procIndex(pid, PROC_STATUS), ProcStatus.UNUSED);
      childLink.close();
      supervisorSide.close();
      throw error;
    }
    postToSupervisor({ type: 'thread', pid, parentPid: r.boot.pid, name, ring: ring.buffer, link: supervisorSide }, [supervisorSide]);
    const target = evaluated ? '[worker eval]' : basename(path!);
    r.recorder.record(EventKind.PROC_START, pid, r.recorder.intern(name), r.recorder.intern(target), 0, loc);
    this.#pid = pid;
    this.#threadId = threadId;
    this.#channel = channel;
  }

  static {
    // The threadId the program sees (Node's numbering of the program's threads), -1 once exited.
    // Node defines it as an accessor, which a TypeScript subclass cannot override as one.
    const real = Object.getOwnPropertyDescriptor(RealWorker.prototype, 'threadId')?.get;
    Object.defineProperty(this.prototype, 'threadId', {
      get(this: Worker): number {
        // Node's constructor reads it before this class's fields exist.
        if (!(#threadId in this) || (this.#inNodeExit && !this.#exited) || kOnExit === undefined) return (real?.call(this) as number | undefined) ?? -1;
        return this.#exited ? -1 : this.#threadId;
      },
      configurable: true,
      enumerable: false,
    });
  }

  static {
    if (kOnExit !== undefined) {
      const onExit = (RealWorker.prototype as unknown as Record<symbol, (...args: unknown[]) => unknown>)[kOnExit]!;
      Object.defineProperty(this.prototype, kOnExit, {
        value(this: Worker, ...args: unknown[]): unknown {
          this.#inNodeExit = true;
          try {
            return onExit.apply(this, args);
          } finally {
            this.#inNodeExit = false;
          }
        },
        configurable: true,
        writable: true,
      });
    }
  }

  override postMessage(value: unknown, transfer?: readonly unknown[] | { transfer?: unknown }): void {
    if (!this.#channel) return super.postMessage(value, transfer as never);
    sendOn(this.#channel, (wrapped) => super.postMessage(wrapped, transfer as never), value, transfer);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    // Node's constructor emits (newListener) before this class's fields exist.
    if (#pid in this && this.#pid >= 0) {
      if (event === 'error') this.#onError(args[0]);
      else if (event === 'exit') this.#onExit(args[0] as number);
    }
    return super.emit(event, ...args);
  }

  #onError(error: unknown): void {
    const handled = this.listenerCount('error') > 0;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.#error = message;
    recordWorkerError(this.#pid, handled, message, -1);
    if (handled) postToSupervisor({ type: 'error-handled', pid: this.#pid });
  }

  #onExit(code: number): void {
    this.#exited = true;
    const r = rt();
    const recorder = plainRecorder();
    // A thread that ended on its own wrote its exit; one stopped by terminate() could not.
    if (Atomics.load(r.control, procIndex(this.#pid, PROC_STATUS)) !== ProcStatus.EXITED) this.#recordGone(code);
    // The 'exit' event comes after the thread has stopped: what it did happens before the
    // program's exit listeners run (the edge of a join).
    recorder.record(EventKind.PROC_JOINED, this.#pid, 1, 0, 0, -1);
  }

  #recordGone(code: number): void {
    const r = rt();
    Atomics.store(r.control, procIndex(this.#pid, PROC_EXIT_CODE), code);
    Atomics.store(r.control, procIndex(this.#pid, PROC_STATUS), ProcStatus.EXITED);
    // Without a report of its own, an 'error' first means the thread died of it (out of memory,
    // say); otherwise it was terminated.
    const recorder = plainRecorder();
    const errorId = this.#error === null ? -1 : recorder.intern(this.#error);
    recorder.record(EventKind.PROC_EXIT, this.#pid, code, errorId, this.#error === null ? ExitCause.TERMINATED : ExitCause.THREW, -1);
    postToSupervisor({ type: 'thread-gone', pid: this.#pid, exitCode: code });
  }
}
