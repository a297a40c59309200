/**
 * The mutex under Lock, RLock and Condition: a futex-style word in shared memory
 * (0 free, 1 held, 2 held with waiters: Drepper's "Futexes Are Tricky", mutex 2), plus the
 * holder's pid and an acquisition counter that orders release → acquire in the trace.
 *
 * Words at `base`: [0] state, [1] holder pid + 1 (0 = none), [2] acquisitions, [3] RLock depth.
 */
import { BlockReason, EventKind } from '../shared/events';
import { deadlineOf, enterBlocked, leaveBlocked, waitWhileEqual } from './blocking';
import { rt } from './context';

export const LOCK_WORDS = 4;
export const STATE = 0;
export const HOLDER = 1;
export const ACQUISITIONS = 2;
export const DEPTH = 3;

/**
 * Takes the mutex, blocking up to timeoutMs (Infinity = untimed; 0 = try once).
 * Records LOCK_ACQUIRED (and LOCK_REQUEST + BLOCK/UNBLOCK when it had to wait) or LOCK_FAILED.
 */
export function lockAcquire(words: Int32Array, base: number, obj: number, timeoutMs: number, loc: number, reason: BlockReason = BlockReason.LOCK): boolean {
  const r = rt();
  let c = Atomics.compareExchange(words, base + STATE, 0, 1);
  if (c === 0) {
    onAcquired(words, base, obj, 0, loc);
    return true;
  }
  if (timeoutMs <= 0) {
    r.recorder.record(EventKind.LOCK_FAILED, obj, 0, 0, 0, loc);
    return false;
  }
  r.recorder.record(EventKind.LOCK_REQUEST, obj, 0, 0, 0, loc);
  enterBlocked(obj, reason, timeoutMs, loc);
  const deadline = deadlineOf(timeoutMs);
  let acquired = false;
  try {
    if (c !== 2) c = Atomics.exchange(words, base + STATE, 2);
    while (c !== 0) {
      // false: the deadline passed with the mutex still held. (Leaving the state at 2 with no
      // waiter costs the holder one needless notify, nothing more.)
      if (!waitWhileEqual(words, base + STATE, 2, deadline)) break;
      c = Atomics.exchange(words, base + STATE, 2);
      if (c !== 0 && Date.now() >= deadline) break;
    }
    acquired = c === 0;
  } finally {
    leaveBlocked(obj, reason, acquired);
  }
  if (acquired) onAcquired(words, base, obj, 1, loc);
  else r.recorder.record(EventKind.LOCK_FAILED, obj, 0, 1, 0, loc);
  return acquired;
}

function onAcquired(words: Int32Array, base: number, obj: number, waited: number, loc: number): void {
  Atomics.store(words, base + HOLDER, rt().boot.pid + 1);
  const seq = Atomics.add(words, base + ACQUISITIONS, 1) + 1;
  rt().recorder.record(EventKind.LOCK_ACQUIRED, obj, seq, waited, Atomics.load(words, base + DEPTH), loc);
}

export function isLocked(words: Int32Array, base: number): boolean {
  return Atomics.load(words, base + STATE) !== 0;
}

export function holderPid(words: Int32Array, base: number): number {
  return Atomics.load(words, base + HOLDER) - 1;
}

/** Releases the mutex. The caller has checked that it is held. */
export function lockRelease(words: Int32Array, base: number, obj: number, loc: number): void {
  const seq = Atomics.load(words, base + ACQUISITIONS);
  // Record before releasing, so the release's time precedes the next acquisition's.
  const state = Atomics.load(words, base + STATE);
  rt().recorder.record(EventKind.LOCK_RELEASED, obj, seq, state === 2 ? 1 : 0, Atomics.load(words, base + DEPTH), loc);
  Atomics.store(words, base + HOLDER, 0);
  if (Atomics.sub(words, base + STATE, 1) !== 1) {
    Atomics.store(words, base + STATE, 0);
    Atomics.notify(words, base + STATE, 1);
  }
}
