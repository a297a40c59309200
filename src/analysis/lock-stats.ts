/**
 * Per-lock statistics: acquisitions, contended acquisitions (the acquirer had to wait), time spent
 * waiting (LOCK_REQUEST → LOCK_ACQUIRED of the same thread) and time held (acquisition → release;
 * for a semaphore, each release is matched with the releasing thread's oldest open acquisition,
 * or the lock's oldest when that thread took none).
 */
export interface LockCounters {
  acquisitions: number;
  contended: number;
  failed: number;
  waitMs: number;
  maxWaitMs: number;
  holdMs: number;
}

export class LockStats {
  readonly byLock = new Map<number, LockCounters>();
  /** Per dense thread: time of its pending LOCK_REQUEST (NaN when none) and on which lock. */
  private readonly requestMs: Float64Array;
  private readonly requestLock: Float64Array;
  /** Open holds per lock: [thread, time] pairs in acquisition order. */
  private readonly open = new Map<number, number[]>();

  constructor(threads: number) {
    this.requestMs = new Float64Array(threads).fill(NaN);
    this.requestLock = new Float64Array(threads).fill(-1);
  }

  requested(t: number, lock: number, timeMs: number): void {
    this.counters(lock);
    this.requestMs[t] = timeMs;
    this.requestLock[t] = lock;
  }

  acquired(t: number, lock: number, waited: boolean, timeMs: number): void {
    const c = this.counters(lock);
    c.acquisitions++;
    if (waited) c.contended++;
    if (this.requestLock[t] === lock && !Number.isNaN(this.requestMs[t])) {
      const wait = Math.max(0, timeMs - this.requestMs[t]);
      c.waitMs += wait;
      if (wait > c.maxWaitMs) c.maxWaitMs = wait;
      this.requestMs[t] = NaN;
    }
    let holds = this.open.get(lock);
    if (!holds) { holds = []; this.open.set(lock, holds); }
    holds.push(t, timeMs);
  }

  failed(t: number, lock: number, timeMs: number): void {
    const c = this.counters(lock);
    c.failed++;
    if (this.requestLock[t] === lock && !Number.isNaN(this.requestMs[t])) {
      c.waitMs += Math.max(0, timeMs - this.requestMs[t]);
      this.requestMs[t] = NaN;
    }
  }

  released(t: number, lock: number, timeMs: number): void {
    const c = this.counters(lock);
    const holds = this.open.get(lock);
    if (!holds || holds.length === 0) return;
    let at = 0;
    for (let i = 0; i < holds.length; i += 2) if (holds[i] === t) { at = i; break; }
    c.holdMs += Math.max(0, timeMs - holds[at + 1]);
    holds.splice(at, 2);
  }

  /** Closes holds still open at `endMs` (a lock held to the end counts until then). */
  finish(endMs: number): void {
    for (const [lock, holds] of this.open) {
      const c = this.counters(lock);
      for (let i = 0; i < holds.length; i += 2) c.holdMs += Math.max(0, endMs - holds[i + 1]);
      holds.length = 0;
    }
  }

  private counters(lock: number): LockCounters {
    let c = this.byLock.get(lock);
    if (!c) {
      c = { acquisitions: 0, contended: 0, failed: 0, waitMs: 0, maxWaitMs: 0, holdMs: 0 };
      this.byLock.set(lock, c);
    }
    return c;
  }
}
