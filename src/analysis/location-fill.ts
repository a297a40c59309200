/**
 * Fill-in for sampled source locations. In the recorder's 'sampled' mode only some calls capture
 * their location (the first few per object and thread, then one in many), so an event with loc -1
 * takes the last location the same thread used on the same object: exact for the usual loop with
 * one call site, and never a location from another thread or object.
 */
import { BlockReason, EventKind, RECORD_SLOTS, Slot } from '../shared/events';
import { ThreadIds } from './thread-ids';

const DENSE_LIMIT = 1 << 22;

/** Kinds whose obj slot names a shared object (BLOCK too, unless it waits on a join or sleep). */
const OBJECT_KINDS: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (const kind of [
    EventKind.READ, EventKind.WRITE,
    EventKind.LOCK_REQUEST, EventKind.LOCK_ACQUIRED, EventKind.LOCK_RELEASED, EventKind.LOCK_FAILED,
    EventKind.QUEUE_PUT, EventKind.QUEUE_GET, EventKind.QUEUE_CLOSE,
    EventKind.EVENT_SET, EventKind.EVENT_CLEAR, EventKind.EVENT_WAITED, EventKind.COND_NOTIFY, EventKind.COND_WOKEN,
    EventKind.BARRIER_ARRIVE, EventKind.BARRIER_LEAVE,
    EventKind.TASK_SUBMIT, EventKind.TASK_START, EventKind.TASK_END, EventKind.TASK_RESULT,
    EventKind.BLOCK,
  ]) table[kind] = 1;
  return table;
})();

/** Whether an event of `kind` (with first argument `a`) is about a shared object, so its location can be inherited. */
export function isObjectEvent(kind: number, a: number): boolean {
  if (OBJECT_KINDS[kind & 255] === 0) return false;
  return kind !== EventKind.BLOCK || (a !== BlockReason.JOIN && a !== BlockReason.SLEEP);
}

export class LocationFill {
  private readonly dense: Int32Array | null;
  /** Used instead of `dense` when threads × objects is too large for a flat table. */
  private readonly sparse = new Map<number, number>();

  constructor(private readonly threads: number, private readonly objects: number) {
    const size = threads * objects;
    this.dense = size <= DENSE_LIMIT ? new Int32Array(size).fill(-1) : null;
  }

  /** The location of an event of dense thread t on object obj: its own, or the last known. */
  fill(t: number, obj: number, loc: number): number {
    if (obj < 0 || obj >= this.objects || (obj | 0) !== obj) return loc;
    const key = t * this.objects + obj;
    if (this.dense) {
      if (loc >= 0) { this.dense[key] = loc; return loc; }
      return this.dense[key];
    }
    if (loc >= 0) { this.sparse.set(key, loc); return loc; }
    return this.sparse.get(key) ?? -1;
  }
}

/**
 * Every record's location after fill-in, indexed by record (file order). Each thread's records
 * are in program order in the file, which is all the fill-in needs.
 */
export function fillLocations(events: Float64Array): Int32Array {
  const n = Math.floor(events.length / RECORD_SLOTS);
  const threads = new ThreadIds();
  let maxObj = -1;
  for (let r = 0; r < n; r++) {
    threads.add(events[r * RECORD_SLOTS + Slot.thread]);
    const obj = events[r * RECORD_SLOTS + Slot.obj];
    if (obj > maxObj && obj < 1e8) maxObj = obj;
  }
  const fill = new LocationFill(threads.count, maxObj + 1);
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const at = r * RECORD_SLOTS;
    const kind = events[at + Slot.kind];
    const loc = events[at + Slot.loc];
    out[r] = isObjectEvent(kind, events[at + Slot.a])
      ? fill.fill(threads.dense(events[at + Slot.thread]), events[at + Slot.obj], loc)
      : loc;
  }
  return out;
}
