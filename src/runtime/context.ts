/**
 * The runtime's per-thread state: who this thread is, the run's shared memory, its recorder.
 * The runner's worker bootstrap calls `initRuntime()` before the user's module loads; every
 * runtime object reads `rt()` from then on.
 */
import type { MessagePort } from 'node:worker_threads';
import { CTRL_NEXT_OBJ, CTRL_NEXT_PID, CTRL_STOP, MAX_PROCESSES } from '../shared/control-block';
import { EventKind, type ObjectKind } from '../shared/events';
import { MAX_OBJECT_ID } from '../shared/trace-records';
import type { WorkerBoot, WorkerMessage } from '../shared/worker-protocol';
import { setClockEpoch } from './clock';
import { captureCallerLocation } from './locations';
import { MutedRecorder } from './muted-recorder';
import { Recorder } from './recorder';
import { forgetEachRun } from './run-scope';
import { initSchedPoints } from './sched-point';
import { collectBeforeGrowing } from './gc-pressure';
import { initGuardedSections } from './guarded-section';
import { SharedHeap } from './shared-heap';
import { readThreadCpu } from './thread-cpu';
import { realParentPort } from './plain/real-threads';

export interface Runtime {
  boot: WorkerBoot;
  control: Int32Array;
  /** The run's shared heap (shared-heap.ts). The views below cover it as it was when last made:
   *  call heapViews() before using them for memory that may be newer. */
  heap: SharedHeap;
  heapI32: Int32Array;
  heapF64: Float64Array;
  heapU8: Uint8Array;
  /** The plain-program table (shared/plain-table.ts). */
  plain: Int32Array;
  recorder: Recorder;
  /** This thread's port to the supervisor: parentPort for the threads the supervisor started,
   *  a port of its own for a Worker a plain program created (whose parentPort is the program's). */
  link: MessagePort | null;
}

let current: Runtime | null = null;
forgetEachRun(() => { current = null; });

export function initRuntime(boot: WorkerBoot): Runtime {
  setClockEpoch(boot.epochHrMs);
  const control = new Int32Array(boot.memory.control);
  const heap = boot.memory.heap;
  initGuardedSections(control, boot.pid);
  current = {
    boot,
    control,
    heap: new SharedHeap(heap),
    heapI32: new Int32Array(heap, 0, heap.byteLength >> 2),
    heapF64: new Float64Array(heap, 0, heap.byteLength >> 3),
    heapU8: new Uint8Array(heap, 0, heap.byteLength),
    plain: new Int32Array(boot.memory.plain),
    // Node's own parentPort: the program's view of the module has it null (plain/threads-module.ts).
    link: boot.role === 'thread' ? (boot.thread?.link as MessagePort) : realParentPort,
    // Recording off (bench/run.mjs's baseline) keeps every call and records nothing.
    recorder: new (boot.recording === false ? MutedRecorder : Recorder)({ buffer: boot.ring, doorbell: boot.memory.doorbell }, control, boot.pid),
  };
  if (boot.memory.sched) {
    initSchedPoints({
      sched: boot.memory.sched, control, heap, pid: boot.pid,
      stopRequested, stoppedError: () => new StoppedError(),
      // park ← schedPoint ← the API method (← an Array's Proxy trap, ← a lock's core) ← the user.
      locate: () => (boot.recording === false ? -1 : internLocation(captureCallerLocation(10))),
    });
  }
  collectBeforeGrowing(current.heap);
  return current;
}

export function rt(): Runtime {
  if (current === null) {
    throw new Error(
      "interleave: this module only works inside a run. Start the script with `interleave run FILE` " +
        '(or from the Interleave commands in VS Code).',
    );
  }
  return current;
}

export function isInsideRun(): boolean {
  return current !== null;
}

/**
 * The runtime with its heap views re-made if the heap grew since they were made (fixed-length
 * views do not see growth; see shared-heap.ts). Call it before touching memory that may be newer
 * than this thread's views: a new block, an object revived from a handle.
 */
export function heapViews(): Runtime {
  const r = rt();
  const buffer = r.boot.memory.heap;
  if (buffer.byteLength !== r.heapU8.byteLength) {
    r.heapI32 = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    r.heapF64 = new Float64Array(buffer, 0, buffer.byteLength >> 3);
    r.heapU8 = new Uint8Array(buffer, 0, buffer.byteLength);
  }
  return r;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * Allocates `bytes` of shared heap (zeroed unless `zero` is false), 8-byte aligned; returns the byte offset. `what` names
 * the object for the error at the heap's limit (e.g. `Queue "jobs"`, `an item on Queue-3`).
 */
export function allocShared(bytes: number, what = 'a shared object', zero = true): number {
  const r = rt();
  const offset = r.heap.alloc(bytes, zero);
  if (offset < 0) {
    const limit = r.heap.limit;
    throw new RangeError(
      `interleave: shared memory is full: ${what} needs ${bytes} bytes (${mib(bytes)}) and the run's shared heap is at ` +
        `its limit of ${mib(limit)} (${mib(r.heap.stats().liveBytes)} in use). Raise the limit with --shared-heap-mb ` +
        '(the VS Code setting interleave.sharedHeapMb), or free objects: a Pool\'s memory comes back after ' +
        'close()/terminate() and join(), other objects\' once no thread can reach them',
    );
  }
  heapViews();
  return offset;
}

/** Gives a block from allocShared back. Only object-lifetime.ts and owners of private blocks call it. */
export function freeShared(offset: number): void {
  rt().heap.free(offset);
}

/** A fresh object id: ids count up and are never reused in a run, so the trace never mixes two
 *  objects that lived at the same address one after the other. */
export function nextObjectId(): number {
  const id = Atomics.add(rt().control, CTRL_NEXT_OBJ, 1);
  if (id > MAX_OBJECT_ID) {
    throw new RangeError(`interleave: more than ${MAX_OBJECT_ID} shared objects in one run (object ids are never reused, so that the trace never mixes two objects)`);
  }
  return id;
}

export function nextProcessId(): number {
  const pid = Atomics.add(rt().control, CTRL_NEXT_PID, 1);
  if (pid >= MAX_PROCESSES) throw new RangeError(`interleave: more than ${MAX_PROCESSES - 1} processes in one run`);
  return pid;
}

/** Thrown by a scheduling point when the run is being stopped (blocking.ts's RunStoppedError is
 *  this class: it lives here so that sched-point.ts needs no import of blocking.ts). */
export class StoppedError extends Error {
  override name = 'RunStoppedError';
  constructor() {
    super('interleave: the run was stopped');
  }
}

/** True once the supervisor asked every thread to stop (timeout, deadlock, Stop). */
export function stopRequested(): boolean {
  return Atomics.load(rt().control, CTRL_STOP) !== 0;
}

export function postToSupervisor(message: WorkerMessage, transfer?: readonly MessagePort[]): void {
  current?.link?.postMessage(message, transfer);
}

/** Interned location of the user's call, or -1. */
export function callerLocation(): number {
  // With recording off (the benchmarks' baseline) the stack capture, part of recording, goes too.
  if (rt().boot.recording === false) return -1;
  return internLocation(captureCallerLocation());
}

function internLocation(where: string | null): number {
  return where === null ? -1 : rt().recorder.intern(where);
}

/**
 * Registers a shared object: a readable name (given, or "<Kind>-<id>" plus its source line) and an
 * OBJ_CREATE event. Returns the new object id.
 */
export function registerObject(kind: ObjectKind, label: string, name: string | undefined, size: number): number {
  const r = rt();
  const id = nextObjectId();
  const where = r.boot.locations === 'off' ? null : captureCallerLocation();
  const loc = internLocation(where);
  let display = name;
  if (display === undefined) {
    const short = shortLocation(where);
    display = `${label}-${id}${short ? ` (${short})` : ''}`;
  }
  r.recorder.record(EventKind.OBJ_CREATE, id, kind, r.recorder.intern(display), size, loc);
  return id;
}

function shortLocation(where: string | null): string {
  if (!where) return '';
  const parts = where.split(/[\\/]/);
  const last = parts[parts.length - 1] ?? where;
  return last.replace(/:\d+$/, '');
}

/** Records which CPU this thread is on now (Linux); a no-op elsewhere. */
export function recordCpu(): void {
  const sample = readThreadCpu();
  if (sample) rt().recorder.record(EventKind.CPU, rt().boot.pid, sample.cpu, sample.state, sample.tid, -1);
}
