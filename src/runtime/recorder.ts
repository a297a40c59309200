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
import { RING_LOCK_RUN, RUN_EVENTS_SLOT, runContinuations, runTimeSlot } from '../shared/ring-lock-run';
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
/**
 * Ring records a run of lock holds may take (see ring-lock-run.ts): its header and up to this
 * many less one continuation records. A run closes (and is published, as a burst's PUBLISH_EVERY
 * records are) once its events fill them.
 */
export const RUN_RECORDS = PUBLISH_EVERY;
/**
 * recordCheap() reads the clock once in this many calls (and at the start of each synchronous
 * stretch of the thread's code); the others take the time of the thread's last event. A clock read
 * costs ~20-60 ns here, several times a whole recorded shared-memory access, and a plain program's
 * racing loop records one event per element access.
 */
export const CHEAP_CLOCK_EVERY = 32;
/** A run closes at its release that brings it to this many events (two in the header). */
const RUN_CLOSE_EVENTS = 2 + 8 * (RUN_RECORDS - 1);

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
    // A new stretch of this thread's code starts with a real clock reading (see recordCheap).
    this.cheapCountdown = 0;
    this.closeRun();
    this.ring.publish();
  };
  /**
   * The open run of lock holds (see recordLockAcquired): its header's slot offset in the ring and
   * its lock (both -1: none), the acquisition number of its last acquire, and its events so far
   * (odd: the lock is held). The header is the ring's next record, uncommitted until the run closes.
   */
  private runAt = -1;
  private runLock = -1;
  private runSeq = 0;
  private runEvents = 0;
  /** When this thread last acquired a lock, and whether its last hold was a long one. */
  private acquiredAt = -Infinity;
  private lastHoldWasLong = false;
  /**
   * The time of a release recorded apart (see recordLockReleased). A fraction from the start, so
   * that the JIT keeps the field a double and stores into it in place.
   */
  private releasedAt = 0.5;
  /** The latest time this thread's events carry (a double from the start, as releasedAt). */
  private lastTime = 0.5;
  /** recordCheap() calls left before its next clock read. */
  private cheapCountdown = 0;

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
   * Records one event stamped with a recent time instead of a fresh clock reading: the time of this
   * thread's last event, and a real reading every CHEAP_CLOCK_EVERY calls and at the start of each
   * synchronous stretch. For shared-memory accesses of plain programs, whose memory order analysis
   * takes from their versions, not their times; a thread's times still never go backwards.
   */
  recordCheap(kind: EventKind, obj: number, a: number, b: number, c: number, loc: number): boolean {
    const time = --this.cheapCountdown > 0 ? this.lastTime : this.cheapClock();
    return this.recordAt(time, kind, obj, a, b, c, loc);
  }

  private cheapClock(): number {
    this.cheapCountdown = CHEAP_CLOCK_EVERY;
    return now();
  }

  /**
   * Records one event stamped `time` (a now() reading taken earlier), for an operation whose
   * moment of effect comes before the call can record it: a Queue put is stamped when the item
   * becomes visible, so it is never later than the get that receives it.
   */
  recordAt(time: number, kind: EventKind, obj: number, a: number, b: number, c: number, loc: number): boolean {
    // Whatever happens inside a held lock comes after its acquisition in the ring.
    if (this.runAt >= 0) this.closeRun();
    const at = this.ring.reserve();
    if (at < 0) return false;
    this.write(at, time, kind, obj, a, b, c, loc);
    this.ring.commit();
    this.afterCommit(time);
    return true;
  }

  /**
   * An uncontended Lock/RLock acquisition (a = acquisition number, c = depth after). In a burst it
   * goes into a run (see ring-lock-run.ts): the next acquisition of the same lock, if nobody took
   * it in between, costs one time in the open run, and so does each release with nobody waiting.
   * Any other event, a flush, a block, the end of the thread's synchronous code (microtask) or its
   * death (adoptUnpublished) closes the run. Outside a burst it is recorded at once, like every
   * sparse event.
   */
  recordLockAcquired(obj: number, acquisition: number, depth: number, loc: number): void {
    const time = now();
    this.acquiredAt = time;
    const n = this.runEvents;
    // runLock is -1 while no run is open (object ids are never negative).
    if (obj === this.runLock && (n & 1) === 0 && acquisition === this.runSeq + 1 && loc < 0) {
      this.runSeq = acquisition;
      this.appendToRun(time, n);
      return;
    }
    this.startRun(time, obj, acquisition, depth, loc);
  }

  /** A Lock/RLock release read at `time` (b = waiters were present, c = depth after). */
  recordLockReleased(time: number, obj: number, acquisition: number, waiters: number, depth: number, loc: number): void {
    const long = time - this.acquiredAt >= LONG_HOLD_MS;
    this.lastHoldWasLong = long;
    const n = this.runEvents;
    if (obj === this.runLock && (n & 1) === 1 && acquisition === this.runSeq && waiters === 0 && depth === 0 && loc < 0) {
      this.appendToRun(time, n);
      if (n + 1 >= RUN_CLOSE_EVENTS || long || time - this.publishedAt >= this.publishAfterMs) {
        this.publishedAt = time;
        this.closeRunAndPublish();
      }
      return;
    }
    // The time goes through a field: as an argument of a call that is not inlined, the JIT would
    // box it in a new heap number on every release, the common one included.
    this.releasedAt = time;
    this.recordReleaseApart(obj, acquisition, waiters, depth, loc);
  }

  private recordReleaseApart(obj: number, acquisition: number, waiters: number, depth: number, loc: number): void {
    this.recordAt(this.releasedAt, EventKind.LOCK_RELEASED, obj, acquisition, waiters, depth, loc);
  }

  /** Writes event `n` (n >= 1) of the open run: its time, then the count that makes it part of the run. */
  private appendToRun(time: number, n: number): void {
    const r = this.records;
    const at = this.runAt;
    // A run never wraps around the ring's end (see startRun): the times follow the header.
    r[at + runTimeSlot(n)] = time;
    r[at + RUN_EVENTS_SLOT] = n + 1;
    if (time > this.lastTime) this.lastTime = time;
    this.runEvents = n + 1;
    // A new continuation record: covered for adoption only now that the count includes its time.
    if (n >= 2 && ((n - 2) & 7) === 0) this.ring.writtenAhead(2 + ((n - 2) >> 3));
  }

  /**
   * An acquisition that does not extend the open run: it starts a new one in a burst, when the
   * ring has room for a whole run before its end (so that appending to a run needs no wrap-around;
   * near the end, a few acquisitions a lap are recorded one by one). Otherwise, or after a long
   * hold, it is recorded at once.
   */
  private startRun(time: number, obj: number, acquisition: number, depth: number, loc: number): void {
    if (this.runAt >= 0) this.closeRun();
    if (this.lastHoldWasLong || time - this.publishedAt >= this.publishAfterMs || !this.ring.hasRoomBeforeEndFor(RUN_RECORDS)) {
      this.recordAt(time, EventKind.LOCK_ACQUIRED, obj, acquisition, 0, depth, loc);
      // After a long hold, likely another long critical section: show it from its start.
      if (this.lastHoldWasLong) this.publishAt(time);
      return;
    }
    const at = this.ring.slotAfter(0);
    // The header (see ring-lock-run.ts): b is the event count (RUN_EVENTS_SLOT), one so far.
    this.write(at, time, RING_LOCK_RUN, obj, acquisition, 1, depth, loc);
    this.ring.writtenAhead(1);
    this.runAt = at;
    this.runLock = obj;
    this.runSeq = acquisition;
    this.runEvents = 1;
    if (!this.publishQueued) this.publishAtEndOfStretch();
  }

  /** Commits the open run's records (publishing is left to the caller's policy). */
  private closeRun(): void {
    if (this.runAt < 0) return;
    this.runAt = -1;
    this.runLock = -1;
    this.ring.commitRecords(1 + runContinuations(this.runEvents));
  }

  /** Closes the run and publishes, at the time already in publishedAt. */
  private closeRunAndPublish(): void {
    this.closeRun();
    this.publishAt(this.publishedAt);
  }

  private write(at: number, time: number, kind: number, obj: number, a: number, b: number, c: number, loc: number): void {
    const r = this.records;
    if (time > this.lastTime) this.lastTime = time;
    r[at] = time;
    r[at + 1] = kind;
    r[at + 2] = this.pid;
    r[at + 3] = obj;
    r[at + 4] = a;
    r[at + 5] = b;
    r[at + 6] = c;
    r[at + 7] = loc;
  }

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
    this.closeRun();
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
    this.closeRun();
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
