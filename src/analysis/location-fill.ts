/**
 * Fill-in for sampled source locations. In the recorder's 'sampled' mode only some calls capture
 * their location (the first few per object and thread, then one in many), so an event with loc -1
 * takes the last location the same thread used for the same call on the same object: an
 * acquisition inherits from acquisitions, a release from releases, a read from reads (a loop that
 * reads a Value on one line and writes it on the next keeps both lines). When that call has no
 * location yet, the thread's last location on the object, whatever the call. Exact for the usual
 * loop with one call site per call, and never a location from another thread or object.
 */
import { BlockReason, EventKind, RECORD_SLOTS, Slot } from '../shared/events';
import { ThreadIds } from './thread-ids';

// Up to 64 MB of Int32 slots; past that a Map (slower, but sized by what is used).
const DENSE_LIMIT = 1 << 24;

/** The calls an event can come from; a location is inherited only within one. */
const Call = { ACQUIRE: 0, RELEASE: 1, READ: 2, WRITE: 3, PUT: 4, GET: 5, WAIT: 6, OTHER: 7 } as const;
const CALLS = 8;
/** Per thread and object: one slot per call, then one for the last location of any call. */
const SLOTS = CALLS + 1;
const NONE = -1;

/** Kind → call, for kinds whose obj slot names a shared object (BLOCK is decided by its reason). */
const CALL_OF_KIND: Int8Array = (() => {
  const table = new Int8Array(256).fill(NONE);
  const set = (call: number, ...kinds: number[]): void => { for (const k of kinds) table[k] = call; };
  set(Call.ACQUIRE, EventKind.LOCK_REQUEST, EventKind.LOCK_ACQUIRED, EventKind.LOCK_FAILED);
  set(Call.RELEASE, EventKind.LOCK_RELEASED);
  set(Call.READ, EventKind.READ, EventKind.SHM_READ, EventKind.SHM_RANGE_READ);
  set(Call.WRITE, EventKind.WRITE, EventKind.SHM_WRITE, EventKind.SHM_RANGE_WRITE);
  set(Call.PUT, EventKind.QUEUE_PUT, EventKind.MSG_SEND);
  set(Call.GET, EventKind.QUEUE_GET, EventKind.MSG_RECV);
  set(Call.WAIT, EventKind.EVENT_WAITED, EventKind.COND_WOKEN, EventKind.BARRIER_ARRIVE, EventKind.BARRIER_LEAVE);
  set(Call.OTHER, EventKind.QUEUE_CLOSE, EventKind.EVENT_SET, EventKind.EVENT_CLEAR, EventKind.COND_NOTIFY,
    EventKind.TASK_SUBMIT, EventKind.TASK_START, EventKind.TASK_END, EventKind.TASK_RESULT,
    EventKind.ATOMIC, EventKind.ATOMIC_NOTIFY);
  return table;
})();

/** BlockReason → the call that blocked (joins and sleeps are not about a shared object). */
const CALL_OF_BLOCK: Int8Array = (() => {
  const table = new Int8Array(256).fill(NONE);
  table[BlockReason.LOCK] = Call.ACQUIRE;
  table[BlockReason.SEMAPHORE] = Call.ACQUIRE;
  table[BlockReason.QUEUE_PUT] = Call.PUT;
  table[BlockReason.QUEUE_GET] = Call.GET;
  table[BlockReason.EVENT] = Call.WAIT;
  table[BlockReason.CONDITION] = Call.WAIT;
  table[BlockReason.BARRIER] = Call.WAIT;
  table[BlockReason.POOL] = Call.OTHER;
  table[BlockReason.ATOMICS_WAIT] = Call.WAIT;
  table[BlockReason.ATOMICS_WAIT_ASYNC] = Call.WAIT;
  return table;
})();

/**
 * Which call of a shared object an event of `kind` (with first argument `a`) comes from, or -1
 * when it is not about a shared object (its location is then never inherited).
 */
export function callOf(kind: number, a: number): number {
  if (kind === EventKind.BLOCK) return CALL_OF_BLOCK[a & 255];
  return CALL_OF_KIND[kind & 255];
}

export class LocationFill {
  private readonly dense: Int32Array | null;
  /** Used instead of `dense` when threads × objects × slots is too large for a flat table. */
  private readonly sparse = new Map<number, number>();

  constructor(threads: number, private readonly objects: number) {
    const size = threads * objects * SLOTS;
    this.dense = size <= DENSE_LIMIT ? new Int32Array(size).fill(-1) : null;
  }

  /** The location of an event of dense thread t, for `call` (callOf) on object obj: its own, or the last known. */
  fill(t: number, obj: number, call: number, loc: number): number {
    if (call < 0 || obj < 0 || obj >= this.objects || (obj | 0) !== obj) return loc;
    const base = (t * this.objects + obj) * SLOTS;
    if (loc >= 0) {
      this.set(base + call, loc);
      this.set(base + CALLS, loc);
      return loc;
    }
    const same = this.get(base + call);
    return same >= 0 ? same : this.get(base + CALLS);
  }

  private get(key: number): number {
    return this.dense ? this.dense[key] : (this.sparse.get(key) ?? -1);
  }

  private set(key: number, loc: number): void {
    if (this.dense) this.dense[key] = loc;
    else this.sparse.set(key, loc);
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
    out[r] = fill.fill(threads.dense(events[at + Slot.thread]), events[at + Slot.obj], callOf(kind, events[at + Slot.a]), loc);
  }
  return out;
}
