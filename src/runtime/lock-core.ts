/**
 * The mutex under Lock, RLock and Condition: one futex-style word in shared memory that holds both
 * the state and the holder, so an uncontended acquire is a single compare-and-swap:
 *   0                      free
 *   (pid + 1) << 1         held by pid, no waiters known
 *   (pid + 1) << 1 | 1     held by pid, waiters may be sleeping (release must wake one)
 * (Drepper, "Futexes Are Tricky", mutex 2, with the owner folded in.) A second word counts
 * acquisitions, which orders release → acquire in the trace.
 *
 * Words at `base`: [0] state, [1] acquisitions, [2] RLock depth, [3] unused.
 */
import { LOCK_STATE_WORD, lockHolderOf } from '../shared/control-block';
import { BlockReason, EventKind } from '../shared/events';
import { deadlineOf, enterBlocked, leaveBlocked, waitWhileEqual } from './blocking';
import { now } from './clock';
import { rt } from './context';
import type { Recorder } from './recorder';
import { PointOp } from '../shared/sched-table';
import { schedPoint } from './sched-point';
import { forgetEachRun } from './run-scope';

export const LOCK_WORDS = 4;
const STATE = LOCK_STATE_WORD;
const ACQUISITIONS = 1;
export const DEPTH = 2;

/**
 * Takes the mutex, blocking up to timeoutMs (Infinity = untimed; 0 = try once).
 * Records LOCK_ACQUIRED (and LOCK_REQUEST + BLOCK/UNBLOCK when it had to wait) or LOCK_FAILED.
 */
export function lockAcquire(recorder: Recorder, words: Int32Array, base: number, obj: number, timeoutMs: number, loc: number, depth = 0): boolean {
  schedPoint(PointOp.ACQUIRE, obj);
  // The uncontended path is kept this small so the JIT inlines it into the caller; waiting, with
  // its loop and try/finally, would stop that and costs a call on every acquire (measured ~25 ns).
  if (Atomics.compareExchange(words, base + STATE, 0, ownState()) === 0) {
    // Only the holder writes the counter, and the state word's atomic operations order the
    // holders: a plain increment is race-free here and saves a locked instruction.
    const seq = words[base + ACQUISITIONS] + 1;
    words[base + ACQUISITIONS] = seq;
    recorder.recordLockAcquired(obj, seq, depth, loc);
    return true;
  }
  return lockAcquireContended(recorder, words, base, obj, timeoutMs, loc, depth);
}

function lockAcquireContended(recorder: Recorder, words: Int32Array, base: number, obj: number, timeoutMs: number, loc: number, depth: number): boolean {
  if (timeoutMs <= 0) {
    recorder.record(EventKind.LOCK_FAILED, obj, 0, 0, 0, loc);
    return false;
  }
  const mine = ownState();
  recorder.record(EventKind.LOCK_REQUEST, obj, 0, 0, 0, loc);
  enterBlocked(obj, BlockReason.LOCK, timeoutMs, loc, base);
  const deadline = deadlineOf(timeoutMs);
  let acquired = false;
  try {
    for (;;) {
      const c = Atomics.load(words, base + STATE);
      if (c === 0) {
        // Taken with the waiters bit set: others may still sleep, so our release must wake one.
        if (Atomics.compareExchange(words, base + STATE, 0, mine | 1) === 0) { acquired = true; break; }
        continue;
      }
      if ((c & 1) === 0 && Atomics.compareExchange(words, base + STATE, c, c | 1) !== c) continue;
      if (!waitWhileEqual(words, base + STATE, c | 1, deadline)) break;
    }
  } finally {
    leaveBlocked(obj, BlockReason.LOCK, acquired);
  }
  if (acquired) onAcquiredAfterWait(recorder, words, base, obj, loc, depth);
  else recorder.record(EventKind.LOCK_FAILED, obj, 0, 1, 0, loc);
  return acquired;
}

/** This thread's "held by me" state value, (pid + 1) << 1, computed once per thread. */
let ownStateValue = 0;
forgetEachRun(() => { ownStateValue = 0; });
function ownState(): number {
  if (ownStateValue === 0) ownStateValue = (rt().boot.pid + 1) << 1;
  return ownStateValue;
}

/** Records an acquisition that had to wait (the uncontended one is recorded in lockAcquire). */
function onAcquiredAfterWait(recorder: Recorder, words: Int32Array, base: number, obj: number, loc: number, depth: number): void {
  const seq = words[base + ACQUISITIONS] + 1;
  words[base + ACQUISITIONS] = seq;
  recorder.record(EventKind.LOCK_ACQUIRED, obj, seq, 1, depth, loc);
}

export function isLocked(words: Int32Array, base: number): boolean {
  return Atomics.load(words, base + STATE) !== 0;
}

/** The pid holding the mutex, or -1 when free. */
export function holderPid(words: Int32Array, base: number): number {
  return lockHolderOf(Atomics.load(words, base + STATE));
}

/**
 * Releases the mutex; `depth` is what is left of an RLock's recursion (0 for a Lock). Throws when
 * it is not held (a Lock released twice, or by two workers at once).
 */
export function lockRelease(recorder: Recorder, words: Int32Array, base: number, obj: number, loc: number, depth = 0): void {
  schedPoint(PointOp.RELEASE, obj);
  // The acquisition number is read while the lock is still ours, and the time before the exchange,
  // so the release never post-dates the next acquisition. The record is written after it: the
  // exchange alone says whether the lock was held and whether anyone waited, which spares a
  // separate atomic load (each Atomics call is a builtin call, ~13 ns here).
  const seq = words[base + ACQUISITIONS];
  const time = now();
  const previous = Atomics.exchange(words, base + STATE, 0);
  // Released while free: a Lock released twice, or by two workers at once (the second finds it free).
  if (previous === 0) throw new Error('interleave: release unlocked lock');
  recorder.recordLockReleased(time, obj, seq, previous & 1, depth, loc);
  if ((previous & 1) !== 0) Atomics.notify(words, base + STATE, 1);
}
