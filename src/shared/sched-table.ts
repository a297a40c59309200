/**
 * The scheduling table: what a run under a controlled scheduler shares between its threads (which
 * park at every scheduling point) and the supervisor's scheduler (which lets exactly one go).
 *
 * The protocol, per thread (runtime/sched-point.ts) and scheduler (runner/sched/scheduler.ts):
 *   1. A thread at a point writes what it is about to do (OP, OBJ) and, for a blocking wait, the
 *      word it waits on (WAIT_BUF, WAIT_INDEX, WAIT_EXPECTED: it can move once that word differs)
 *      and its deadline in virtual time; then GRANT = 0, STATE = PARKED, and it rings the
 *      scheduler's doorbell (control word CTRL_SCHED_BELL) and sleeps on GRANT.
 *   2. The scheduler decides only when no live thread is RUNNING (each is PARKED or GONE), so what
 *      it sees never changes under it: it picks one thread that can move, sets its STATE = RUNNING
 *      and then its GRANT (GO, or TIMED_OUT when virtual time ended its wait), and notifies it.
 *   3. A thread that ends sets STATE = GONE and rings; the supervisor does it for a thread killed.
 * A thread not yet parked (starting, or between points) is RUNNING: the scheduler waits for it.
 *
 * Int32 words: [0] unused, then one row of ROW_WORDS per pid at ROWS + pid * ROW_WORDS.
 * Float64 view of the same buffer: [0] virtual time (ms since the run began), and each pid's
 * deadline (virtual ms, Infinity for none) at DEADLINES + pid, after the Int32 rows.
 */
import { MAX_PROCESSES } from './control-block';

export const ROW_WORDS = 8;
const ROWS = 2;
/** Row fields. */
export const STATE = 0;
export const GRANT = 1;
export const OP = 2;
export const OBJ = 3;
export const WAIT_BUF = 4;
export const WAIT_INDEX = 5;
export const WAIT_EXPECTED = 6;

export const SchedState = { RUNNING: 0, PARKED: 1, GONE: 2 } as const;
export const Grant = { WAIT: 0, GO: 1, TIMED_OUT: 2 } as const;
/** WAIT_BUF: which memory the waited word is in; NONE: not waiting; NEVER: a sleep (only time ends it). */
export const WaitBuf = { NONE: -1, NEVER: -2, HEAP: 0, CONTROL: 1 } as const;

/** What a thread is about to do at a point (OP): for the schedule's readers and for POS's conflicts. */
export const PointOp = {
  START: 1, READ: 2, WRITE: 3, ACQUIRE: 4, RELEASE: 5, WAIT: 6, SLEEP: 7, SYNC: 8, SPAWN: 9, JOIN: 10,
} as const;
export type PointOp = (typeof PointOp)[keyof typeof PointOp];

const DEADLINES = (ROWS + MAX_PROCESSES * ROW_WORDS) / 2 + 1;
export const VIRTUAL_TIME = 0;

export function schedTableBytes(): number {
  return (DEADLINES + MAX_PROCESSES) * 8;
}

export function allocateSchedTable(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(schedTableBytes());
  new Float64Array(buffer).fill(Infinity, DEADLINES);
  new Float64Array(buffer)[VIRTUAL_TIME] = 0;
  return buffer;
}

/** Index of a row field for `pid` in the Int32 view. */
export function rowIndex(pid: number, field: number): number {
  return ROWS + pid * ROW_WORDS + field;
}

/** Index of `pid`'s deadline in the Float64 view. */
export function deadlineIndex(pid: number): number {
  return DEADLINES + pid;
}
