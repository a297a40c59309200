/**
 * Blocking, as in Python: a call that waits parks its thread with Atomics.wait on a word of shared
 * memory. Around every wait this module keeps the process table's "waiting on" row current (the
 * supervisor's live deadlock detector reads it) and records BLOCK/UNBLOCK events.
 */
import { PROC_WAIT_FLAGS, PROC_WAIT_LOCK, PROC_WAIT_OBJ, REASON_SHIFT, WaitFlag, procIndex } from '../shared/control-block';
import { EventKind, type BlockReason } from '../shared/events';
import { StoppedError, rt, stopRequested } from './context';
import { schedWaitWhileEqual, schedulingOn, virtualNow } from './sched-point';

/** Waits are sliced so a stop request (timeout, deadlock, Stop) is seen within this long. */
const SLICE_MS = 200;

export { StoppedError as RunStoppedError };

/** Normalises a user timeout: undefined/null → untimed (Infinity); negative → 0. */
export function timeoutOf(timeoutMs: number | null | undefined): number {
  // Small, for the JIT to inline into every acquire (see recorder.ts); a given timeout is checked apart.
  return timeoutMs === undefined || timeoutMs === null ? Infinity : givenTimeout(timeoutMs);
}

/**
 * The timeout of a blocking call's (block, timeoutMs) arguments, as Python reads them: Infinity for
 * the common call with neither, 0 when block is falsy. Small, for the JIT to inline into every
 * acquire: `block === true` is one compare where ToBoolean of any value dispatches on its type.
 */
export function blockingTimeout(block: unknown, timeoutMs: number | null | undefined): number {
  return block === true && timeoutMs === undefined ? Infinity : givenBlocking(block, timeoutMs);
}

function givenBlocking(block: unknown, timeoutMs: number | null | undefined): number {
  return block ? timeoutOf(timeoutMs) : 0;
}

function givenTimeout(timeoutMs: number): number {
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs)) throw new TypeError('interleave: a timeout must be a number of milliseconds');
  return Math.max(0, timeoutMs);
}

/**
 * Marks this thread as waiting on `obj` in the process table and records BLOCK. For a lock wait,
 * `lockBase` is the heap Int32 index of the lock's words, so the deadlock detector can read who
 * holds it straight from shared memory; for an Atomics.wait, the byte address waited on (also
 * BLOCK's c).
 */
export function enterBlocked(obj: number, reason: BlockReason, timeoutMs: number, loc: number, lockBase = -1, detail = 0): void {
  const r = rt();
  const row = procIndex(r.boot.pid, 0);
  Atomics.store(r.control, row + PROC_WAIT_OBJ, obj);
  Atomics.store(r.control, row + PROC_WAIT_LOCK, lockBase);
  Atomics.store(r.control, row + PROC_WAIT_FLAGS, WaitFlag.WAITING | (Number.isFinite(timeoutMs) ? WaitFlag.TIMED : 0) | (reason << REASON_SHIFT));
  r.recorder.record(EventKind.BLOCK, obj, reason, Number.isFinite(timeoutMs) ? timeoutMs : -1, detail, loc);
  r.recorder.flush();
}

export function leaveBlocked(obj: number, reason: BlockReason, satisfied: boolean, detail = 0): void {
  const r = rt();
  const row = procIndex(r.boot.pid, 0);
  Atomics.store(r.control, row + PROC_WAIT_FLAGS, 0);
  Atomics.store(r.control, row + PROC_WAIT_OBJ, -1);
  Atomics.store(r.control, row + PROC_WAIT_LOCK, -1);
  r.recorder.record(EventKind.UNBLOCK, obj, reason, satisfied ? 1 : 0, detail, -1);
}

/**
 * Waits while words[index] === expected, until `deadline` (a Date.now() time, or Infinity).
 * Returns false when the deadline passed. Throws RunStoppedError when the run is being stopped.
 */
export function waitWhileEqual(words: Int32Array, index: number, expected: number, deadline: number): boolean {
  // Under a controlled scheduler the wait is a scheduling point, its deadline in virtual time.
  if (schedulingOn()) return schedWaitWhileEqual(words, index, expected, deadline);
  for (;;) {
    if (stopRequested()) throw new StoppedError();
    const left = deadline - Date.now();
    if (left <= 0) return Atomics.load(words, index) !== expected;
    const result = Atomics.wait(words, index, expected, Math.min(left, SLICE_MS));
    if (result !== 'timed-out') return true;
    if (Atomics.load(words, index) !== expected) return true;
  }
}

/** The clock deadlines count in: Date.now(), or virtual time under a controlled scheduler. */
export function waitClockNow(): number {
  return schedulingOn() ? virtualNow() : Date.now();
}

export function deadlineOf(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs)) return Infinity;
  return (schedulingOn() ? virtualNow() : Date.now()) + timeoutMs;
}
