/**
 * Semaphore and BoundedSemaphore, as in Python. Words: [0] permits, [1] bound (BoundedSemaphore's
 * initial value, or -1), [2] releases so far (orders release → acquire in the trace), [3] a mutex
 * that makes a BoundedSemaphore's "would this release exceed the bound?" check and the release one
 * step (two workers releasing the last missing permit at once: one succeeds, one throws).
 */
import { BlockReason, EventKind, ObjectKind } from '../shared/events';
import { deadlineOf, enterBlocked, leaveBlocked, blockingTimeout, waitWhileEqual } from './blocking';
import { allocShared, registerObject, rt } from './context';
import { lockMutex, unlockMutex } from './futex-mutex';
import type { SyncOptions } from './lock';
import { SharedObject, registerSharedClass } from './shared-object';
import { runHolding } from './scoped-acquire';
import { PointOp } from '../shared/sched-table';
import { schedPoint } from './sched-point';

const PERMITS = 0;
const BOUND = 1;
const RELEASES = 2;
const RELEASE_MUTEX = 3;

export class Semaphore extends SharedObject {
  constructor(value = 1, options: SyncOptions = {}) {
    super();
    if (!Number.isInteger(value) || value < 0) throw new RangeError('interleave: semaphore initial value must be a non-negative integer');
    const bounded = new.target === BoundedSemaphore;
    const offset = allocShared(16, 'a Semaphore');
    const kind = bounded ? ObjectKind.BOUNDED_SEMAPHORE : ObjectKind.SEMAPHORE;
    this.attach({ id: registerObject(kind, bounded ? 'BoundedSemaphore' : 'Semaphore', options.name, value), offset });
    this.words[this.base + PERMITS] = value;
    this.words[this.base + BOUND] = bounded ? value : -1;
  }

  protected get handleKind(): string {
    return 'Semaphore';
  }

  acquire(block = true, timeoutMs?: number): boolean {
    schedPoint(PointOp.ACQUIRE, this.id);
    const loc = this.loc();
    if (this.tryTake(loc, 0)) return true;
    const timeout = blockingTimeout(block, timeoutMs);
    if (timeout <= 0) {
      rt().recorder.record(EventKind.LOCK_FAILED, this.id, 0, 0, 0, loc);
      return false;
    }
    rt().recorder.record(EventKind.LOCK_REQUEST, this.id, 0, 0, 0, loc);
    enterBlocked(this.id, BlockReason.SEMAPHORE, timeout, loc);
    const deadline = deadlineOf(timeout);
    let ok = false;
    try {
      for (;;) {
        if (this.tryTake(-2, 1)) { ok = true; break; }
        if (!waitWhileEqual(this.words, this.base + PERMITS, 0, deadline)) break;
      }
    } finally {
      leaveBlocked(this.id, BlockReason.SEMAPHORE, ok);
    }
    if (!ok) rt().recorder.record(EventKind.LOCK_FAILED, this.id, 0, 1, 0, loc);
    return ok;
  }

  /** Takes a permit if one is free, recording the acquisition; loc -2 means "already recorded". */
  private tryTake(loc: number, waited: number): boolean {
    for (;;) {
      const permits = Atomics.load(this.words, this.base + PERMITS);
      if (permits <= 0) return false;
      if (Atomics.compareExchange(this.words, this.base + PERMITS, permits, permits - 1) === permits) {
        const seq = Atomics.load(this.words, this.base + RELEASES);
        rt().recorder.record(EventKind.LOCK_ACQUIRED, this.id, seq, waited, permits - 1, loc === -2 ? -1 : loc);
        return true;
      }
    }
  }

  release(n = 1): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('interleave: release(n) needs n >= 1');
    schedPoint(PointOp.RELEASE, this.id);
    const loc = this.loc();
    if (Atomics.load(this.words, this.base + BOUND) < 0) {
      this.releaseUnchecked(n, loc);
      return;
    }
    // Releases take turns, so the bound check below still holds when the permits are added:
    // acquirers run meanwhile, but they only take permits away.
    lockMutex(this.words, this.base + RELEASE_MUTEX);
    try {
      if (Atomics.load(this.words, this.base + PERMITS) + n > Atomics.load(this.words, this.base + BOUND)) {
        throw new Error('interleave: Semaphore released too many times');
      }
      this.releaseUnchecked(n, loc);
    } finally {
      unlockMutex(this.words, this.base + RELEASE_MUTEX);
    }
  }

  private releaseUnchecked(n: number, loc: number): void {
    // The count goes up, and the release is recorded, before the permits are there to take: the
    // acquirer that takes one has seen this release, and records a later time.
    const seq = Atomics.add(this.words, this.base + RELEASES, n) + n;
    rt().recorder.record(EventKind.LOCK_RELEASED, this.id, seq, 0, Atomics.load(this.words, this.base + PERMITS) + n, loc);
    Atomics.add(this.words, this.base + PERMITS, n);
    Atomics.notify(this.words, this.base + PERMITS, n);
  }

  /** Permits free now. */
  getValue(): number {
    return Atomics.load(this.words, this.base + PERMITS);
  }

  withLock<T>(fn: () => T): T {
    return runHolding(this, fn);
  }

  [Symbol.dispose](): void {
    this.release();
  }
}

/** A Semaphore whose release() throws when it would exceed the initial value. */
export class BoundedSemaphore extends Semaphore {
  protected override get handleKind(): string {
    return 'BoundedSemaphore';
  }
}

registerSharedClass('Semaphore', Semaphore);
registerSharedClass('BoundedSemaphore', BoundedSemaphore);
