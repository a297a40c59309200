/**
 * The run-wide control block: one SharedArrayBuffer every thread of a run sees, holding the id
 * counters and the process table. The runtime writes it from the workers; the supervisor reads it
 * to know who is blocked on what (live deadlock detection) and writes exit states it observes.
 *
 * Int32 words:
 *   [0] next process id      [1] next object id      [2] next string id
 *   [3] unused (was the bump allocator's heap top; the heap keeps its own words, shared-heap.ts)
 *   [4] stop requested (1 = every wait gives up)
 *   [8] next threadId a plain Worker gets (Node's numbering: the program's main thread is 0)
 *   [9] next message channel slot (see plain-table.ts)
 *   [11] 1 when the run is under a controlled scheduler (see sched-table.ts)
 *   [12] the scheduler's doorbell: bumped (and notified) by every thread that parks or ends
 *   [16 + pid * PROC_WORDS ...] the process table, one row per pid:
 *       +0 status (ProcStatus)   +1 exit code          +2 object id waited on, or -1
 *       +3 wait flags (WaitFlag bits)
 *       +4 for a lock wait: the heap Int32 index of the lock's words (the lock's state word there
 *          holds (holder pid + 1) << 1 | waiters bit; see runtime/lock-core.ts); for an
 *          Atomics.wait: the byte address waited on; else -1
 *       +5 termination guard (shared/termination-guard.ts): whether terminate() may stop it now
 */
export const CTRL_NEXT_PID = 0;
export const CTRL_NEXT_OBJ = 1;
export const CTRL_NEXT_STRING = 2;
export const CTRL_STOP = 4;
export const CTRL_NEXT_THREAD_ID = 8;
export const CTRL_NEXT_CHANNEL = 9;
export const CTRL_SCHED_ON = 11;
export const CTRL_SCHED_BELL = 12;
const PROC_TABLE = 16;
export const PROC_WORDS = 6;
export const MAX_PROCESSES = 16384;

export const ProcStatus = { UNUSED: 0, STARTING: 1, RUNNING: 2, EXITED: 3 } as const;
/** PROC_WAIT_FLAGS bits; the BlockReason sits in the bits above REASON_SHIFT. */
export const WaitFlag = { WAITING: 1, TIMED: 2 } as const;
export const REASON_SHIFT = 4;

export const PROC_STATUS = 0;
export const PROC_EXIT_CODE = 1;
export const PROC_WAIT_OBJ = 2;
export const PROC_WAIT_FLAGS = 3;
export const PROC_WAIT_LOCK = 4;
export const PROC_GUARD = 5;
/** The word of a lock that holds its state and holder (see runtime/lock-core.ts). */
export const LOCK_STATE_WORD = 0;

/** The pid holding a lock, from its state word; -1 when free. */
export function lockHolderOf(state: number): number {
  return (state >> 1) - 1;
}

export function controlBlockBytes(): number {
  return (PROC_TABLE + MAX_PROCESSES * PROC_WORDS) * 4;
}

export function allocateControlBlock(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(controlBlockBytes());
  startControlBlock(new Int32Array(buffer));
  return buffer;
}

/** A used control block made as allocateControlBlock() makes a new one (a warm run's, see run-memory-pool.ts). */
export function resetControlBlock(buffer: SharedArrayBuffer): void {
  const words = new Int32Array(buffer);
  words.fill(0);
  startControlBlock(words);
}

function startControlBlock(words: Int32Array): void {
  words[CTRL_NEXT_PID] = 1; // pid 0 is MainProcess
  words[CTRL_NEXT_OBJ] = 1;
  words[CTRL_NEXT_STRING] = 1;
  words[CTRL_NEXT_THREAD_ID] = 1; // threadId 0 is the program's main thread
}

/** Index of a process-table field for `pid`. */
export function procIndex(pid: number, field: number): number {
  return PROC_TABLE + pid * PROC_WORDS + field;
}
