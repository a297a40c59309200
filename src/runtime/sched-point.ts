/**
 * Scheduling points: under a controlled scheduler (`interleave explore`, `run --replay`), each
 * instrumented operation first parks its thread and waits for the scheduler in the supervisor to
 * let it go, so that exactly one thread of the run moves at a time and the scheduler alone decides
 * the interleaving (the protocol is in shared/sched-table.ts).
 *
 * Outside scheduling mode every hook costs one load and one compare of `on[0]`: a typed array,
 * not a `let`, for the reason clock.ts gives.
 *
 * Blocking waits become points too: a thread that must wait for a word to change parks with that
 * word and its deadline, and the scheduler lets it go only once the word differs or virtual time
 * has reached the deadline. No thread ever sleeps in a real Atomics.wait the scheduler cannot
 * see, and sleeps and timeouts take no real time.
 */
import { CTRL_SCHED_BELL } from '../shared/control-block';
import {
  DIR_COUNT, GRANT, Grant, LOC, MAX_DIR_ENTRIES, OBJ, OP, PointOp, STATE, STEP_FLAGS, SchedState, StepFlag, VIRTUAL_TIME,
  WAIT_BUF, WAIT_EXPECTED, WAIT_INDEX, WaitBuf, deadlineIndex, dirIndex, rowIndex,
} from '../shared/sched-table';
import { forgetEachRun } from './run-scope';

const on = new Uint8Array(1);
let table: Int32Array = new Int32Array(new SharedArrayBuffer(4));
let times: Float64Array = new Float64Array(new SharedArrayBuffer(8));
let control: Int32Array = new Int32Array(new SharedArrayBuffer(4));
let heapBuffer: ArrayBufferLike | null = null;
let row = 0;
let pid = 0;
/** Set by context.ts: whether the run is being stopped (every wait then gives up). */
let stopped: () => boolean = () => false;
let stoppedError: () => Error = () => new Error('interleave: the run was stopped');
/** Step mode: the string id of the user's call about to run (a stack capture), or -1. */
let locate: (() => number) | null = null;

forgetEachRun(() => {
  on[0] = 0;
  heapBuffer = null;
  locate = null;
});

export interface SchedBoot {
  sched: SharedArrayBuffer;
  control: Int32Array;
  heap: SharedArrayBuffer;
  pid: number;
  stopRequested: () => boolean;
  stoppedError: () => Error;
  /** The user's call site as a string id (context.ts's callerLocation, with a deeper stack). */
  locate: () => number;
}

export function initSchedPoints(boot: SchedBoot): void {
  on[0] = 1;
  table = new Int32Array(boot.sched);
  times = new Float64Array(boot.sched);
  control = boot.control;
  heapBuffer = boot.heap;
  pid = boot.pid;
  row = rowIndex(pid, 0);
  stopped = boot.stopRequested;
  stoppedError = boot.stoppedError;
  locate = (table[STEP_FLAGS]! & StepFlag.LOCATE) !== 0 ? boot.locate : null;
}

/**
 * Lists a Value or Array in the scheduling table's data directory, so that step mode's supervisor
 * can show its elements read straight from the heap (no point, no event). Beyond
 * MAX_DIR_ENTRIES objects the rest go unlisted.
 */
export function schedListData(id: number, offset: number, typecode: string, length: number): void {
  if (on[0] !== 1) return;
  const n = Atomics.add(table, DIR_COUNT, 1);
  if (n >= MAX_DIR_ENTRIES) return;
  const at = dirIndex(n);
  table[at] = id;
  table[at + 1] = offset;
  table[at + 2] = typecode.charCodeAt(0);
  // Written last, with a store the supervisor's loads synchronise with (it reads only parked threads' work).
  Atomics.store(table, at + 3, length);
}

/** True in a run under a controlled scheduler. */
export function schedulingOn(): boolean {
  return on[0] === 1;
}

/** A point before an operation of kind `op` on `obj` (-1: none): waits for this thread's turn. */
export function schedPoint(op: PointOp, obj: number): void {
  if (on[0] === 1) park(op, obj, WaitBuf.NONE, 0, 0, Infinity);
}

/**
 * Under the scheduler, the wait of blocking.ts's waitWhileEqual: parks until `words[index]` no
 * longer holds `expected` (true) or virtual time reaches `deadline` (false).
 */
export function schedWaitWhileEqual(words: Int32Array, index: number, expected: number, deadline: number): boolean {
  const buf = words.buffer === heapBuffer ? WaitBuf.HEAP : words.buffer === control.buffer ? WaitBuf.CONTROL : WaitBuf.NONE;
  // A word the scheduler cannot read (no such wait in the runtime today) is polled, one point at a time.
  if (buf === WaitBuf.NONE) {
    park(PointOp.WAIT, -1, WaitBuf.NONE, 0, 0, Infinity);
    return Atomics.load(words, index) !== expected || virtualNow() < deadline;
  }
  const grant = park(PointOp.WAIT, -1, buf, index, expected, deadline);
  return grant === Grant.GO || Atomics.load(words, index) !== expected;
}

/** Under the scheduler, sleep(ms): this thread can move again once virtual time has passed `ms`. */
export function schedSleep(ms: number): void {
  park(PointOp.SLEEP, -1, WaitBuf.NEVER, 0, 0, virtualNow() + ms);
}

/** The scheduler's virtual time, in ms since the run began (deadlines of timed waits count in it). */
export function virtualNow(): number {
  return times[VIRTUAL_TIME]!;
}

/** This thread ends: the scheduler stops waiting for it. */
export function schedGone(): void {
  if (on[0] !== 1) return;
  Atomics.store(table, row + STATE, SchedState.GONE);
  ring();
}

function park(op: PointOp, obj: number, buf: number, index: number, expected: number, deadline: number): number {
  if (stopped()) throw stoppedError();
  table[row + OP] = op;
  table[row + OBJ] = obj;
  table[row + LOC] = locate === null ? -1 : locate();
  table[row + WAIT_BUF] = buf;
  table[row + WAIT_INDEX] = index;
  table[row + WAIT_EXPECTED] = expected;
  times[deadlineIndex(pid)] = deadline;
  Atomics.store(table, row + GRANT, Grant.WAIT);
  Atomics.store(table, row + STATE, SchedState.PARKED);
  ring();
  for (;;) {
    // Sliced, as every wait is (blocking.ts), so that a stopped run is seen.
    Atomics.wait(table, row + GRANT, Grant.WAIT, 200);
    const grant = Atomics.load(table, row + GRANT);
    if (grant !== Grant.WAIT) return grant;
    if (stopped()) throw stoppedError();
  }
}

function ring(): void {
  Atomics.add(control, CTRL_SCHED_BELL, 1);
  Atomics.notify(control, CTRL_SCHED_BELL);
}
