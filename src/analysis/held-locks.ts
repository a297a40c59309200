/**
 * Who holds which mutex (Lock, RLock) at each point of the walk, and where they took it. Feeds
 * the lock-order graph (what was held at each acquisition), abandoned-lock (held at exit) and the
 * deadlock finding (where the holder took what its waiter wants).
 *
 * A Lock may be released by a worker other than its holder (Python allows it), so releases are
 * matched by lock, not by thread. Per-lock state is indexed by object id (flat arrays): this runs
 * on every acquisition and release.
 */
export interface Holding {
  lock: number;
  loc: number;
  record: number;
  timeMs: number;
}

export interface Acquisition {
  thread: number;
  loc: number;
  record: number;
}

export class HeldLocks {
  /** Per dense thread: the mutexes it holds, in acquisition order. */
  readonly byThread: Holding[][];
  /** Released Holding records, reused so the hot acquire/release path allocates nothing. */
  private readonly spare: Holding[] = [];
  /** Per lock id: the dense thread holding it, or -1. */
  private readonly holder: Int32Array;
  private readonly lastThread: Int32Array;
  private readonly lastLoc: Int32Array;
  private readonly lastRecord: Int32Array;

  constructor(threads: number, objects: number) {
    this.byThread = Array.from({ length: threads }, () => []);
    this.holder = new Int32Array(objects).fill(-1);
    this.lastThread = new Int32Array(objects).fill(-1);
    this.lastLoc = new Int32Array(objects).fill(-1);
    this.lastRecord = new Int32Array(objects).fill(-1);
  }

  acquired(t: number, lock: number, loc: number, record: number, timeMs: number): void {
    if (!this.known(lock)) return;
    this.release(lock);
    const holding = this.spare.pop();
    if (holding) {
      holding.lock = lock;
      holding.loc = loc;
      holding.record = record;
      holding.timeMs = timeMs;
      this.byThread[t].push(holding);
    } else {
      this.byThread[t].push({ lock, loc, record, timeMs });
    }
    this.holder[lock] = t;
    this.lastThread[lock] = t;
    this.lastLoc[lock] = loc;
    this.lastRecord[lock] = record;
  }

  released(lock: number): void {
    if (this.known(lock)) this.release(lock);
  }

  /** The dense thread holding `lock`, or -1. */
  holderOf(lock: number): number {
    return this.known(lock) ? this.holder[lock] : -1;
  }

  /** The last acquisition of `lock`, or null. */
  lastAcquisition(lock: number): Acquisition | null {
    if (!this.known(lock) || this.lastThread[lock] < 0) return null;
    return { thread: this.lastThread[lock], loc: this.lastLoc[lock], record: this.lastRecord[lock] };
  }

  private known(lock: number): boolean {
    return lock >= 0 && lock < this.holder.length && (lock | 0) === lock;
  }

  private release(lock: number): void {
    const t = this.holder[lock];
    if (t < 0) return;
    this.holder[lock] = -1;
    const held = this.byThread[t];
    for (let i = held.length - 1; i >= 0; i--) {
      if (held[i].lock === lock) {
        // The usual case is the last one taken: pop instead of splice.
        const [gone] = i === held.length - 1 ? [held.pop() as Holding] : held.splice(i, 1);
        this.spare.push(gone);
        break;
      }
    }
  }
}
