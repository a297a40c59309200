/**
 * Condition, as in Python: bound to a Lock or RLock (a new RLock by default).
 * Words: [0] notify sequence (bumped by notify, which the waiters sleep on), [1] waiters not yet
 * notified, [2] wake tickets. notify(n) turns at most n waiters into tickets; a waiter wakes on
 * any move of the sequence (or a slice of its wait ending) but returns only with a ticket, so
 * notify(n) wakes at most n waiters, as in Python. Both counters change only under the lock.
 */
import { BlockReason, EventKind, ObjectKind } from '../shared/events';
import { deadlineOf, waitClockNow, enterBlocked, leaveBlocked, timeoutOf, waitWhileEqual } from './blocking';
import { allocShared, registerObject, rt } from './context';
import { fromWire, toWire } from './handles';
import { Lock, RLock, type SyncOptions } from './lock';
import { SharedObject, registerSharedClass, type ObjectFields } from './shared-object';
import { PointOp } from '../shared/sched-table';
import { schedPoint } from './sched-point';

const SEQ = 0;
const WAITERS = 1;
const TICKETS = 2;

export class Condition extends SharedObject {
  declare private lock: Lock | RLock;

  constructor(lock?: Lock | RLock | SyncOptions, options: SyncOptions = {}) {
    super();
    const given = lock instanceof Lock || lock instanceof RLock ? lock : null;
    const opts = given ? options : ((lock as SyncOptions | undefined) ?? options);
    const offset = allocShared(16, 'a Condition');
    const id = registerObject(ObjectKind.CONDITION, 'Condition', opts.name, 0);
    this.attach({ id, offset, lock: toWire(given ?? new RLock()) });
  }

  protected override attach(fields: ObjectFields): void {
    super.attach(fields);
    (this as unknown as { lock: Lock | RLock }).lock = fromWire(fields.lock) as Lock | RLock;
  }

  protected override handleFields(): ObjectFields {
    return { ...super.handleFields(), lock: toWire(this.lock) };
  }

  protected get handleKind(): string {
    return 'Condition';
  }

  acquire(block = true, timeoutMs?: number): boolean {
    return this.lock.acquire(block, timeoutMs);
  }

  release(): void {
    this.lock.release();
  }

  withLock<T>(fn: () => T): T {
    return this.lock.withLock(fn);
  }

  [Symbol.dispose](): void {
    this.lock.release();
  }

  /** Releases the lock, waits for a notify (or the timeout), takes the lock back. */
  wait(timeoutMs?: number): boolean {
    if (!this.lock.isOwnedByMe()) throw new Error('interleave: cannot wait on un-acquired lock');
    const loc = this.loc();
    const timeout = timeoutOf(timeoutMs);
    const deadline = deadlineOf(timeout);
    Atomics.add(this.words, this.base + WAITERS, 1);
    let notified = false;
    for (;;) {
      const seq = Atomics.load(this.words, this.base + SEQ);
      const saved = this.lock.saveAndRelease();
      let moved = false;
      enterBlocked(this.id, BlockReason.CONDITION, timeout, loc);
      try {
        moved = waitWhileEqual(this.words, this.base + SEQ, seq, deadline);
      } finally {
        leaveBlocked(this.id, BlockReason.CONDITION, moved);
        this.lock.restore(saved);
      }
      // Back under the lock: a ticket means a notify chose a waiter, and this one takes it.
      if (Atomics.load(this.words, this.base + TICKETS) > 0) {
        Atomics.sub(this.words, this.base + TICKETS, 1);
        notified = true;
        break;
      }
      if (!moved || waitClockNow() >= deadline) {
        Atomics.sub(this.words, this.base + WAITERS, 1);
        break;
      }
    }
    rt().recorder.record(EventKind.COND_WOKEN, this.id, notified ? Atomics.load(this.words, this.base + SEQ) : -1, 0, 0, loc);
    return notified;
  }

  /** Waits until predicate() is truthy; returns its last value. */
  waitFor<T>(predicate: () => T, timeoutMs?: number): T {
    const timeout = timeoutOf(timeoutMs);
    const deadline = deadlineOf(timeout);
    let result = predicate();
    while (!result) {
      const left = deadline - waitClockNow();
      if (left <= 0) break;
      this.wait(Number.isFinite(left) ? left : undefined);
      result = predicate();
    }
    return result;
  }

  notify(n = 1): void {
    schedPoint(PointOp.SYNC, this.id);
    if (!this.lock.isOwnedByMe()) throw new Error('interleave: cannot notify on un-acquired lock');
    const woken = this.issueTickets(n);
    const seq = Atomics.add(this.words, this.base + SEQ, 1) + 1;
    rt().recorder.record(EventKind.COND_NOTIFY, this.id, seq, n, 0, this.loc());
    Atomics.notify(this.words, this.base + SEQ, woken);
  }

  notifyAll(): void {
    schedPoint(PointOp.SYNC, this.id);
    if (!this.lock.isOwnedByMe()) throw new Error('interleave: cannot notify on un-acquired lock');
    this.issueTickets(Infinity);
    const seq = Atomics.add(this.words, this.base + SEQ, 1) + 1;
    rt().recorder.record(EventKind.COND_NOTIFY, this.id, seq, -1, 0, this.loc());
    Atomics.notify(this.words, this.base + SEQ);
  }

  /** Under the lock: turns up to n waiting waiters into tickets; returns how many. */
  private issueTickets(n: number): number {
    const count = Math.min(n, Atomics.load(this.words, this.base + WAITERS));
    if (count > 0) {
      Atomics.sub(this.words, this.base + WAITERS, count);
      Atomics.add(this.words, this.base + TICKETS, count);
    }
    return Math.max(0, count);
  }
}

registerSharedClass('Condition', Condition);
