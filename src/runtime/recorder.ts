/**
 * The recorder: the one place every instrumented operation passes through.
 *
 * `record()` stamps an event with the run clock and writes it into this thread's ring. It is the
 * hot path of tracing: one clock read and eight float stores, no allocation. Because every runtime
 * operation calls it exactly once per event, it is also the hook where a controlled scheduler
 * (replay, interleaving exploration) can make each operation a scheduling point.
 *
 * Records are published to the supervisor in batches, because publishing (an Atomics.store) costs
 * as much as writing a record. A record is published at once when it comes more than
 * PUBLISH_AFTER_MS after the last publish (sparse events are never held back); in a burst, every
 * PUBLISH_EVERY records; and in any case before this thread blocks or sleeps (flush()), when its
 * synchronous code yields to the event loop (a queued microtask), before it waits for room in a
 * full ring, and at exit. A burst's last records followed by a long computation without events
 * reach the supervisor when one of those happens; if the thread is killed first (timeout, Stop,
 * terminate()), the supervisor adopts them from the ring after the thread has ended. After a long
 * lock hold the next acquisition is published at once (LONG_HOLD_MS), so a critical section that
 * computes for long shows on the live timeline from its start.
 */
import { EventKind, MAX_STRING_UNITS, RECORD_SLOTS, STRING_UNITS_PER_RECORD } from '../shared/events';
import { EventRingWriter, type EventRingBuffers } from '../shared/event-ring';
import { CTRL_NEXT_STRING } from '../shared/control-block';
import { RING_LOCK_HOLD } from '../shared/ring-lock-hold';
import { now } from './clock';

/** A burst publishes every this many records... */
export const PUBLISH_EVERY = 16;
/** ...and a record this long after the last publish is published at once. */
export const PUBLISH_AFTER_MS = 0.05;
/**
 * After a lock hold this long, this thread's next acquisition is published at once: a critical
 * section that computes for long without events would otherwise show on the live timeline only
 * when it ends (its acquisition waiting, unpublished, for the thread's next event).
 */
export const LONG_HOLD_MS = 1;

export class Recorder {
  private readonly ring: EventRingWriter;
  private readonly records: Float64Array;
  private readonly units: Uint16Array;
  private readonly interned = new Map<string, number>();
  /** Time of the last publish by the record path (flushes leave it: the next record publishes). */
  private publishedAt = -Infinity;
  private publishQueued = false;
  private readonly publishSoon = (): void => {
    this.publishQueued = false;
    this.closeOpenAcquire();
    this.ring.publish();
  };
  /**
   * Ring slot of an uncontended LOCK_ACQUIRED written but not yet committed (-1: none), kept open
   * so that its release can turn it into a LOCK_HOLD (see recordLockAcquired); and its lock.
   */
  private openAcquireAt = -1;
  private openAcquireLock = -1;
  /** When this thread last acquired a lock, and whether its last hold was a long one. */
  private acquiredAt = -Infinity;
  private lastHoldWasLong = false;

  constructor(
    buffers: EventRingBuffers,
    private readonly control: Int32Array,
    /** This thread's process id, written into every record. */
    readonly pid: number,
    /** PUBLISH_AFTER_MS; tests pin it to make bursts (Infinity) or sparse events (0) certain. */
    private readonly publishAfterMs = PUBLISH_AFTER_MS,
  ) {
    this.ring = new EventRingWriter(buffers);
    this.records = this.ring.records;
    this.units = new Uint16Array(this.records.buffer, this.records.byteOffset);
  }

  /** Records one event. `loc` is a string id from `intern()`, or -1. False when it was dropped. */
  record(kind: EventKind, obj: number, a: number, b: number, c: number, loc: number): boolean {
    return this.recordAt(now(), kind, obj, a, b, c, loc);
  }

  /**
   * Records one event stamped `time` (a now() reading taken earlier), for an operation whose
   * moment of effect comes before the call can record it: a Queue put is stamped when the item
   * becomes visible, so it is never later than the get that receives it.
   */
  recordAt(time: number, kind: EventKind, obj: number, a: number, b: number, c: number, loc: number): boolean {
    // Whatever happens inside a held lock comes after its acquisition in the ring.
    if (this.openAcquireAt >= 0) this.closeOpenAcquire();
    const at = this.ring.reserve();
    if (at < 0) return false;
    this.write(at, time, kind, obj, a, b, c, loc);
    this.ring.commit();
    this.afterCommit(time);
    return true;
  }

  /**
   * An uncontended Lock/RLock acquisition (a = acquisition number, c = depth after). In a burst it
   * is written but left open: if the thread's next event is this lock's release, with nobody
   * waiting, the two become one LOCK_HOLD record (see ring-lock-hold.ts), which saves a ring
   * record on the hottest path of a traced program. Any other event, a flush, a block, the end of
   * the thread's synchronous code (microtask) or its death (adoptUnpublished) closes it as an
   * ordinary LOCK_ACQUIRED. Outside a burst it is recorded at once, like every sparse event.
   */
  recordLockAcquired(obj: number, acquisition: number, depth: number, loc: number): void {
    const time = now();
    this.acquiredAt = time;
    // Outside a burst, or after a long hold: recorded at once (a method of its own, so that this
    // path stays small enough for the JIT to inline the clock read: see afterCommit).
    if (this.lastHoldWasLong || time - this.publishedAt >= this.publishAfterMs || this.openAcquireAt >= 0) {
      this.recordAcquiredAtOnce(time, obj, acquisition, depth, loc);
      return;
    }
    const at = this.ring.reserve();
    if (at < 0) return;
    this.write(at, time, EventKind.LOCK_ACQUIRED, obj, acquisition, 0, depth, loc);
    this.ring.writtenAhead();
    this.openAcquireAt = at;
    this.openAcquireLock = obj;
    if (!this.publishQueued) this.publishAtEndOfStretch();
  }

  private recordAcquiredAtOnce(time: number, obj: number, acquisition: number, depth: number, loc: number): void {
    // A nested acquisition closes the outer one's open record; it is then not held open itself.
    this.recordAt(time, EventKind.LOCK_ACQUIRED, obj, acquisition, 0, depth, loc);
    // After a long hold, likely another long critical section: show it from its start.
    if (this.lastHoldWasLong) this.publishAt(time);
  }

  /** A Lock/RLock release read at `time` (b = waiters were present, c = depth after). */
  recordLockReleased(time: number, obj: number, acquisition: number, waiters: number, depth: number, loc: number): void {
    this.lastHoldWasLong = time - this.acquiredAt >= LONG_HOLD_MS;
    const at = this.openAcquireAt;
    if (at >= 0 && this.openAcquireLock === obj && waiters === 0 && depth === 0 && loc < 0) {
      this.openAcquireAt = -1;
      const r = this.records;
      r[at + 5] = time;
      // The kind last: until then the slot is a complete LOCK_ACQUIRED, and no interrupt (where a
      // terminate() could stop this thread) falls between these stores.
      r[at + 1] = RING_LOCK_HOLD;
      this.ring.commit();
      this.afterCommit(time);
      return;
    }
    this.recordAt(time, EventKind.LOCK_RELEASED, obj, acquisition, waiters, depth, loc);
  }

  private write(at: number, time: number, kind: number, obj: number, a: number, b: number, c: number, loc: number): void {
    const r = this.records;
    r[at] = time;
    r[at + 1] = kind;
    r[at + 2] = this.pid;
    r[at + 3] = obj;
    r[at + 4] = a;
    r[at + 5] = b;
    r[at + 6] = c;
    r[at + 7] = loc;
  }

  /** The publish policy (see the top of this file), after each committed record. */
  /**
   * The publish policy (see the top of this file), after each committed record. Kept small, with
   * the rest in methods of their own: the JIT inlines the record paths only within a budget of
   * bytecode, and process.hrtime() must fit in it, or each clock read becomes a call that
   * allocates its [seconds, nanoseconds] array (measured ~10 ns more per read).
   */
  private afterCommit(time: number): void {
    if (this.ring.unpublished >= PUBLISH_EVERY || time - this.publishedAt >= this.publishAfterMs || this.ring.dropsPending) {
      this.publishAt(time);
    } else if (!this.publishQueued) {
      this.publishAtEndOfStretch();
    }
  }

  /** Publishes now, and writes out drops counted since the last record (a DROPPED record). */
  private publishAt(time: number): void {
    this.ring.publish();
    this.publishedAt = time;
    if (this.ring.dropsPending) this.recordDrops();
  }

  /** Publishes when this synchronous stretch of the thread's code ends, at the latest. */
  private publishAtEndOfStretch(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(this.publishSoon);
  }

  private closeOpenAcquire(): void {
    if (this.openAcquireAt < 0) return;
    this.openAcquireAt = -1;
    this.ring.commit();
  }

  /** The time of a recent event of this thread (its last publish): a clock reading that costs nothing. */
  get recentTime(): number {
    return this.publishedAt;
  }

  /** Drops not yet written as a DROPPED record (taken: the caller reports them). */
  takeUnrecordedDrops(): number {
    return this.ring.takeDrops();
  }

  /** The id of `text` in this run's string table, writing its definition into the ring once. */
  intern(text: string): number {
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    const id = Atomics.add(this.control, CTRL_NEXT_STRING, 1);
    this.closeOpenAcquire();
    const units = Math.min(text.length, MAX_STRING_UNITS);
    const continuation = Math.ceil(units / STRING_UNITS_PER_RECORD);
    // The STRING record and its continuations are published together (see reserveRun): a drain
    // between them would split the string and turn its text into garbage events.
    const at = this.ring.reserveRun(1 + continuation);
    if (at >= 0) {
      const r = this.records;
      r[at] = now();
      r[at + 1] = EventKind.STRING;
      r[at + 2] = this.pid;
      r[at + 3] = -1;
      r[at + 4] = id;
      r[at + 5] = units;
      r[at + 6] = continuation;
      r[at + 7] = -1;
      for (let rec = 0; rec < continuation; rec++) {
        const unitBase = this.ring.slotAfter(1 + rec) * 4; // 4 UTF-16 units per float64 slot
        const first = rec * STRING_UNITS_PER_RECORD;
        for (let u = 0; u < STRING_UNITS_PER_RECORD; u++) {
          const i = first + u;
          this.units[unitBase + u] = i < units ? text.charCodeAt(i) : 0;
        }
      }
      this.ring.commitRun(1 + continuation);
    }
    this.interned.set(text, id);
    return id;
  }

  /** Publishes everything and asks the supervisor to drain now (before a block, at exit), without waiting. */
  flush(): void {
    this.closeOpenAcquire();
    this.ring.publish();
    this.ring.ringDoorbell();
  }

  private recordDrops(): void {
    const dropped = this.ring.takeDrops();
    // The DROPPED record can itself find the ring full: then its count goes back to the pending
    // drops (and the record itself, not a user event, is not counted), for the next one to carry.
    if (dropped > 0 && !this.record(EventKind.DROPPED, -1, dropped, 0, 0, -1)) this.ring.returnDrops(dropped);
  }
}

export { RECORD_SLOTS };
