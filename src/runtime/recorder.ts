/**
 * The recorder: the one place every instrumented operation passes through.
 *
 * `record()` stamps an event with the run clock and writes it into this thread's ring. It is the
 * hot path of tracing: one clock read, eight float stores and one Atomics.store, no allocation.
 * Because every runtime operation calls it exactly once per event, it is also the hook where a
 * controlled scheduler (replay, interleaving exploration) can make each operation a scheduling
 * point.
 */
import { EventKind, MAX_STRING_UNITS, RECORD_SLOTS, STRING_UNITS_PER_RECORD } from '../shared/events';
import { EventRingWriter, type EventRingBuffers } from '../shared/event-ring';
import { CTRL_NEXT_STRING } from '../shared/control-block';
import { now } from './clock';

export class Recorder {
  private readonly ring: EventRingWriter;
  private readonly records: Float64Array;
  private readonly units: Uint16Array;
  private readonly interned = new Map<string, number>();

  constructor(
    buffers: EventRingBuffers,
    private readonly control: Int32Array,
    /** This thread's process id, written into every record. */
    readonly pid: number,
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
    const at = this.ring.reserve();
    if (at < 0) return false;
    const r = this.records;
    r[at] = time;
    r[at + 1] = kind;
    r[at + 2] = this.pid;
    r[at + 3] = obj;
    r[at + 4] = a;
    r[at + 5] = b;
    r[at + 6] = c;
    r[at + 7] = loc;
    this.ring.commit();
    if (this.ring.dropsPending) this.recordDrops();
    return true;
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

  /** Asks the supervisor to drain now (before a long block or at exit), without waiting. */
  flush(): void {
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
