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
 *
 * Step mode (the user is the scheduler, runner/sched/step.ts) needs two things more, both written
 * by the threads before they park, so the supervisor reads them without a point of its own:
 *   - LOC in a parked thread's row: the string id of "file:line:col" of the user's call about to
 *     run (captured only when STEP_FLAGS has LOCATE: a stack capture costs microseconds a point);
 *   - the data directory after the deadlines: [DIR_COUNT] entries of DIR_ENTRY_WORDS words
 *     {object id, heap byte offset of the elements, typecode char code, element count}, one per
 *     Value and Array made in the run (up to MAX_DIR_ENTRIES), so the supervisor reads the shared
 *     values straight from the heap: looking at them adds no scheduling point.
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
/** String id of the location of the operation a parked thread is about to do (step mode), or -1. */
export const LOC = 7;

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
/** Int32 index of the step-mode header: flags, then the data directory's entry count. */
export const STEP_FLAGS = (DEADLINES + MAX_PROCESSES) * 2;
export const DIR_COUNT = STEP_FLAGS + 1;
const DIR_ENTRIES = STEP_FLAGS + 2;
export const DIR_ENTRY_WORDS = 4;
export const MAX_DIR_ENTRIES = 256;
/** STEP_FLAGS bit: capture each point's location into its row's LOC. */
export const StepFlag = { LOCATE: 1 } as const;

export function schedTableBytes(): number {
  return (DIR_ENTRIES + MAX_DIR_ENTRIES * DIR_ENTRY_WORDS) * 4;
}

export function allocateSchedTable(flags = 0): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(schedTableBytes());
  startSchedTable(buffer, flags);
  return buffer;
}

/** A used table made as allocateSchedTable(flags) makes a new one. */
export function resetSchedTable(buffer: SharedArrayBuffer, flags = 0): void {
  new Int32Array(buffer).fill(0);
  startSchedTable(buffer, flags);
}

function startSchedTable(buffer: SharedArrayBuffer, flags: number): void {
  new Float64Array(buffer).fill(Infinity, DEADLINES, DEADLINES + MAX_PROCESSES);
  new Float64Array(buffer)[VIRTUAL_TIME] = 0;
  new Int32Array(buffer)[STEP_FLAGS] = flags;
}

/** Int32 index of the data directory's entry `n`. */
export function dirIndex(n: number): number {
  return DIR_ENTRIES + n * DIR_ENTRY_WORDS;
}

/** One Value or Array in the data directory. */
export interface DirEntry {
  id: number;
  /** Byte offset of its elements in the shared heap. */
  offset: number;
  typecode: string;
  length: number;
}

export function readDirectory(table: Int32Array): DirEntry[] {
  const count = Math.min(Atomics.load(table, DIR_COUNT), MAX_DIR_ENTRIES);
  const out: DirEntry[] = [];
  for (let n = 0; n < count; n++) {
    const at = dirIndex(n);
    out.push({ id: table[at]!, offset: table[at + 1]!, typecode: String.fromCharCode(table[at + 2]!), length: table[at + 3]! });
  }
  return out;
}

const ELEMENT_READERS: Record<string, [number, (v: DataView, at: number) => number | bigint]> = {
  b: [1, (v, at) => v.getInt8(at)], B: [1, (v, at) => v.getUint8(at)],
  h: [2, (v, at) => v.getInt16(at, true)], H: [2, (v, at) => v.getUint16(at, true)],
  i: [4, (v, at) => v.getInt32(at, true)], I: [4, (v, at) => v.getUint32(at, true)],
  l: [4, (v, at) => v.getInt32(at, true)], L: [4, (v, at) => v.getUint32(at, true)],
  q: [8, (v, at) => v.getBigInt64(at, true)], Q: [8, (v, at) => v.getBigUint64(at, true)],
  f: [4, (v, at) => v.getFloat32(at, true)], d: [8, (v, at) => v.getFloat64(at, true)],
};

/** The elements of a directory entry as they are in the heap now (up to `max` of them). */
export function readElements(heap: DataView, entry: DirEntry, max: number): (number | bigint)[] {
  const reader = ELEMENT_READERS[entry.typecode];
  if (!reader) return [];
  const [size, read] = reader;
  const out: (number | bigint)[] = [];
  for (let i = 0; i < Math.min(entry.length, max); i++) {
    const at = entry.offset + i * size;
    if (at + size > heap.byteLength) break;
    out.push(read(heap, at));
  }
  return out;
}

/** Index of a row field for `pid` in the Int32 view. */
export function rowIndex(pid: number, field: number): number {
  return ROWS + pid * ROW_WORDS + field;
}

/** Index of `pid`'s deadline in the Float64 view. */
export function deadlineIndex(pid: number): number {
  return DEADLINES + pid;
}
