/**
 * A single-producer, single-consumer ring of event records in shared memory.
 *
 * The producer is one worker thread (its recorder); the consumer is the supervisor's drain. They
 * never lock: the producer owns `head`, the consumer owns `tail`, and each publishes its index with
 * Atomics.store after touching the records, so the other side never reads a half-written record.
 *
 * Publishing is separate from writing: commit() only writes, publish() makes everything written so
 * far visible. An Atomics.store is a builtin call and a locked instruction (~10 ns here, as much as
 * the records themselves), so the recorder publishes in batches (see recorder.ts for when). The
 * producer also keeps `written` (a plain store, no fence), so that when its thread has died with
 * records still unpublished, the consumer can adopt them (adoptUnpublished).
 *
 * Invariants:
 *   - head and tail count records since the ring was made, as int32 that wrap; capacity is a power
 *     of two, so (head - tail) | 0 is the fill level and (i & mask) the slot, across the wrap.
 *   - 0 <= head - tail <= capacity; records [tail, head) are written and not yet consumed.
 *   - When full, the producer waits a bounded time for the consumer (it rings the doorbell first),
 *     then drops the event and counts it in `dropped`; it never waits forever.
 *
 * Control words (Int32Array at the start of the ring's buffer): [0] head (published), [1] written
 * (head including unpublished records), [16] tail, [32] 1 while the producer is dropping (so it
 * stops waiting until the consumer catches up).
 */
import { RECORD_BYTES, RECORD_SLOTS } from './events';

// head and tail sit on separate 64-byte cache lines: the producer writes head (and written) on
// every publish and the consumer writes tail on every drain; on one line they would bounce between
// cores (false sharing measured at 4x the cost of an event).
const HEAD = 0;
const WRITTEN = 1;
const TAIL = 16;
const DROPPED = 32;
const CONTROL_WORDS = 48;
export const RING_CONTROL_BYTES = CONTROL_WORDS * 4;
/**
 * The consumer drains when a producer rings the doorbell (a publish that crosses a half ring, a
 * flush, a full ring) and otherwise at least this often, so that sparse events reach it soon.
 */
export const RING_DRAIN_MS = 20;

export interface EventRingBuffers {
  /** The ring's own shared memory: control words, then the records. */
  buffer: SharedArrayBuffer;
  /** The run-wide doorbell word the supervisor sleeps on (shared by every ring). */
  doorbell: SharedArrayBuffer;
}

export function ringBytesFor(capacity: number): number {
  return RING_CONTROL_BYTES + capacity * RECORD_BYTES;
}

export function allocateEventRing(capacity: number, doorbell: SharedArrayBuffer): EventRingBuffers {
  if (!Number.isInteger(capacity) || capacity < 2 || (capacity & (capacity - 1)) !== 0) {
    throw new RangeError('ring capacity must be a power of two >= 2');
  }
  return { buffer: new SharedArrayBuffer(ringBytesFor(capacity)), doorbell };
}

/** A used ring made empty, as a new one of its capacity (records past head are never read). */
export function resetEventRing(buffer: SharedArrayBuffer): void {
  new Int32Array(buffer, 0, CONTROL_WORDS).fill(0);
}

export function capacityOf(buffer: SharedArrayBuffer): number {
  return (buffer.byteLength - RING_CONTROL_BYTES) / RECORD_BYTES;
}

/**
 * The producer side. `reserve()` returns the slot offset of a free record, or -1 when the event is
 * dropped; the caller fills the record and calls `commit()`.
 */
export class EventRingWriter {
  readonly records: Float64Array;
  readonly capacity: number;
  private readonly control: Int32Array;
  private readonly doorbell: Int32Array;
  /** Local copy of head, including records not yet published: the producer is its only writer. */
  private head = 0;
  /** The head last published. */
  private published = 0;
  /** Last tail seen; re-read from shared memory only when the ring looks full. */
  private tailSeen = 0;
  private pendingDrops = 0;
  private readonly halfMask: number;
  private readonly mask: number;

  constructor(buffers: EventRingBuffers, private readonly fullWaitMs = 50) {
    this.control = new Int32Array(buffers.buffer, 0, CONTROL_WORDS);
    this.records = new Float64Array(buffers.buffer, RING_CONTROL_BYTES);
    this.capacity = capacityOf(buffers.buffer);
    this.halfMask = this.capacity / 2 - 1;
    this.mask = this.capacity - 1;
    this.doorbell = new Int32Array(buffers.doorbell, 0, 1);
    this.head = Atomics.load(this.control, HEAD);
    this.published = this.head;
  }

  /** Slot offset of the next free record, or -1 if the ring stayed full (the event is dropped). */
  reserve(): number {
    // Kept tiny so the JIT inlines it into every record path; the full ring takes the slow path.
    if (((this.head - this.tailSeen) | 0) >= this.capacity) return this.reserveWhenFull();
    return (this.head & this.mask) * RECORD_SLOTS;
  }

  private reserveWhenFull(): number {
    if (!this.makeRoom()) {
      this.pendingDrops++;
      return -1;
    }
    return (this.head & this.mask) * RECORD_SLOTS;
  }

  /** Writes the record reserved last into the ring, without publishing it (see publish()). */
  commit(): void {
    this.head = (this.head + 1) | 0;
    // Plain store: only read once this thread has ended (adoptUnpublished), when it is visible.
    this.control[WRITTEN] = this.head;
  }

  /**
   * Marks the next `count` records as written for a post-mortem adoption, though they are not
   * committed yet: the producer may still add to them (a run of lock holds kept open).
   */
  writtenAhead(count: number): void {
    this.control[WRITTEN] = (this.head + count) | 0;
  }

  /** Writes the next `count` records (filled through slotAfter) into the ring, without publishing. */
  commitRecords(count: number): void {
    this.head = (this.head + count) | 0;
    this.control[WRITTEN] = this.head;
  }

  /**
   * Whether the next `count` records are free now and lie before the ring's end, without waiting:
   * for a producer that can do without them (it records its events one by one instead, through
   * reserve() and its bounded wait), and then addresses them as one stretch of `records`.
   */
  hasRoomBeforeEndFor(count: number): boolean {
    if ((this.head & this.mask) > this.capacity - count) return false;
    if (((this.head - this.tailSeen) | 0) <= this.capacity - count) return true;
    this.tailSeen = Atomics.load(this.control, TAIL);
    return ((this.head - this.tailSeen) | 0) <= this.capacity - count;
  }

  /** Records committed and not yet published. */
  get unpublished(): number {
    return (this.head - this.published) | 0;
  }

  /** Makes every committed record visible to the consumer. */
  publish(): void {
    const before = this.published;
    if (before === this.head) return;
    this.published = this.head;
    Atomics.store(this.control, HEAD, this.head);
    // Crossed a half-ring boundary: ask for a drain, so the consumer empties it before it fills.
    if (((before ^ this.head) & ~this.halfMask) !== 0) this.ringDoorbell();
  }

  /**
   * Slot offset of the first of `count` consecutive free records, or -1 when they did not fit (the
   * run is dropped, counted as one drop). Nothing is published until commitRun(count), so the
   * consumer sees all of them or none: for records that only make sense together (a STRING record
   * and its continuation records, which a drain in between would otherwise split into garbage
   * events). Records may wrap around the ring's end: address the k-th with slotAfter(k).
   */
  reserveRun(count: number): number {
    if (count > this.capacity || (((this.head - this.tailSeen) | 0) > this.capacity - count && !this.makeRoom(count))) {
      this.pendingDrops++;
      return -1;
    }
    return (this.head & this.mask) * RECORD_SLOTS;
  }

  /** Slot offset of the k-th record of the run reserved by reserveRun(). */
  slotAfter(k: number): number {
    return ((this.head + k) & this.mask) * RECORD_SLOTS;
  }

  /** Writes and publishes the `count` records reserved by reserveRun(count), at once. */
  commitRun(count: number): void {
    this.commitRecords(count);
    this.publish();
  }

  /** Whether events were dropped since the last takeDrops(). */
  get dropsPending(): boolean {
    return this.pendingDrops > 0;
  }

  /** Drops counted since the last call, and resets the count (the recorder writes them out). */
  takeDrops(): number {
    const n = this.pendingDrops;
    this.pendingDrops = 0;
    return n;
  }

  /**
   * Gives back `n` drops taken by takeDrops() whose DROPPED record could not be written; that
   * record's own reserve() counted itself as a drop, which is not a user event, so it is taken off.
   */
  returnDrops(n: number): void {
    this.pendingDrops += n - 1;
  }

  /** Asks the consumer to drain soon, without waiting. */
  ringDoorbell(): void {
    Atomics.add(this.doorbell, 0, 1);
    Atomics.notify(this.doorbell, 0);
  }

  get used(): number {
    return (this.head - this.tailSeen) | 0;
  }

  /** Waits (bounded) until `need` records are free; false when they did not free up. */
  private makeRoom(need = 1): boolean {
    // The consumer only drains what is published.
    this.publish();
    this.tailSeen = Atomics.load(this.control, TAIL);
    if (((this.head - this.tailSeen) | 0) <= this.capacity - need) {
      Atomics.store(this.control, DROPPED, 0);
      return true;
    }
    // Already dropping: the consumer has not caught up since the last bounded wait, so drop at
    // once rather than pay another wait per event.
    if (Atomics.load(this.control, DROPPED) !== 0) return false;
    this.ringDoorbell();
    // Wait for the consumer to move tail, in short slices, at most fullWaitMs for this burst.
    const deadline = Date.now() + this.fullWaitMs;
    do {
      Atomics.wait(this.control, TAIL, this.tailSeen, 1);
      this.tailSeen = Atomics.load(this.control, TAIL);
      if (((this.head - this.tailSeen) | 0) <= this.capacity - need) return true;
    } while (Date.now() < deadline);
    Atomics.store(this.control, DROPPED, 1);
    return false;
  }
}

/** The consumer side: copies out everything published since the last drain. */
export class EventRingReader {
  private readonly control: Int32Array;
  private readonly records: Float64Array;
  readonly capacity: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.control = new Int32Array(buffer, 0, CONTROL_WORDS);
    this.records = new Float64Array(buffer, RING_CONTROL_BYTES);
    this.capacity = capacityOf(buffer);
  }

  /**
   * Publishes what a dead producer wrote but never published (its last records before it was
   * terminated mid-burst). Only once the producer's thread has ended: a live producer may still be
   * writing those records.
   */
  adoptUnpublished(): void {
    const head = Atomics.load(this.control, HEAD);
    const written = Atomics.load(this.control, WRITTEN);
    const unpublished = (written - head) | 0;
    const used = (head - Atomics.load(this.control, TAIL)) | 0;
    if (unpublished > 0 && used + unpublished <= this.capacity) Atomics.store(this.control, HEAD, written);
  }

  /** Records waiting to be drained. */
  pending(): number {
    return (Atomics.load(this.control, HEAD) - Atomics.load(this.control, TAIL)) | 0;
  }

  /**
   * Copies the published records into `out` starting at record `outAt`, frees them in the ring
   * and returns how many it copied (at most `maxRecords`).
   */
  drainInto(out: Float64Array, outAt: number, maxRecords: number): number {
    const head = Atomics.load(this.control, HEAD);
    const tail = Atomics.load(this.control, TAIL);
    const count = Math.min((head - tail) | 0, maxRecords);
    if (count <= 0) return 0;
    const start = tail & (this.capacity - 1);
    const first = Math.min(count, this.capacity - start);
    out.set(this.records.subarray(start * RECORD_SLOTS, (start + first) * RECORD_SLOTS), outAt * RECORD_SLOTS);
    if (count > first) {
      out.set(this.records.subarray(0, (count - first) * RECORD_SLOTS), (outAt + first) * RECORD_SLOTS);
    }
    Atomics.store(this.control, TAIL, (tail + count) | 0);
    Atomics.notify(this.control, TAIL);
    return count;
  }
}
