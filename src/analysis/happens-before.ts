/**
 * Happens-before by vector clocks, over every synchronisation the runtime records.
 *
 * Each thread t has a clock C_t (row t of `clocks`); C_t[t] is t's current epoch. A release-like
 * event publishes C_t into the object it releases and then ticks C_t[t]; the matching
 * acquire-like event joins that object's clock into the acquirer's. The edges:
 *
 *   PROC_START(child)           → PROC_BEGIN of the child
 *   PROC_EXIT(pid)              → PROC_JOINED(pid) that saw the exit (a = 1)
 *   LOCK_RELEASED               → LOCK_ACQUIRED of the same lock. Lock/RLock: release of
 *                                 acquisition s → acquisition s + 1. Semaphores: an acquisition
 *                                 joins every release before it (its `a` is the release count seen)
 *   EVENT_SET(gen)              → EVENT_WAITED that returned true (a = generation seen ≥ gen)
 *   COND_NOTIFY(seq)            → COND_WOKEN(seq' ≥ seq)
 *   BARRIER_ARRIVE(gen), all    → BARRIER_LEAVE(gen) that passed
 *   QUEUE_PUT(seq)              → QUEUE_GET(seq) of the same queue
 *   TASK_SUBMIT → TASK_START → (program order) → TASK_END → TASK_RESULT, per pool and task id
 *   MSG_SEND(seq)               → MSG_RECV(seq) of the same channel (every receipt of a
 *                                 BroadcastChannel message)
 *   ATOMIC, ATOMIC_NOTIFY       plain programs' Atomics: sequentially consistent, so each is an
 *                                 acquire of its address (its 8-byte granule) and each one that
 *                                 writes (store, read-modify-write, a swapping compareExchange,
 *                                 notify) also a release to it; a woken Atomics.wait is an acquire
 *
 * Plain programs' accesses carry their granule's version (the count of writing operations before
 * them, see runtime/plain/buffers.ts). An Atomics operation that saw or replaced version v is ready
 * once the v writing operations before it on its granule have been applied, so the walk puts a
 * granule's synchronising operations in memory order even when their times (cheap ones, for plain
 * accesses) disagree.
 *
 * `isReady` says whether an acquire-like event's source has been applied yet; the causal walk
 * (causal-order.ts) holds an event back until it has, so a clock skew or an event recorded after
 * its operation (QUEUE_PUT is recorded once the item is in the queue, so its get can carry an
 * earlier time) never loses an edge.
 */
import { EventKind, ObjectKind, accessOp, accessVersion, atomicOpWrites } from '../shared/events';
import { copyClock, joinInto } from './vector-clock';

/** Kinds whose event can depend on another thread's event (see isReady), as a lookup table. */
export const MAY_WAIT: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (const kind of [
    EventKind.LOCK_ACQUIRED, EventKind.EVENT_WAITED, EventKind.COND_WOKEN, EventKind.QUEUE_GET,
    EventKind.BARRIER_LEAVE, EventKind.PROC_BEGIN, EventKind.PROC_JOINED, EventKind.TASK_START,
    EventKind.TASK_RESULT, EventKind.ATOMIC, EventKind.ATOMIC_NOTIFY, EventKind.MSG_RECV,
  ]) table[kind] = 1;
  return table;
})();

interface BarrierGeneration {
  arrivals: number;
  leaves: number;
  clock: Int32Array;
}

/** A granule of a shared buffer with Atomics: versions applied so far, and its release clock. */
interface Granule {
  applied: number;
  clock: Int32Array | null;
}

interface TaskClocks {
  submitted: Int32Array | null;
  ended: Int32Array | null;
}

export interface HappensBeforeShape {
  threads: number;
  objectCount: number;
  /** ObjectKind per object id (0 unknown). */
  objectKind: Int32Array;
  /** Barrier parties per object id (from OBJ_CREATE size), 0 when unknown. */
  parties: (obj: number) => number;
  /** Whether the trace holds a PROC_START / PROC_EXIT for pid (else its edge has no source). */
  wasStarted: (pid: number) => boolean;
  hasExit: (pid: number) => boolean;
  /** Dense thread number of a pid, or -1. */
  thread: (pid: number) => number;
  /** Whether some Atomics operation touched this shared buffer (its granules order the walk). */
  hasAtomics?: (obj: number) => boolean;
}

export class HappensBefore {
  readonly threads: number;
  /** Row t (T entries at t * T) is thread t's vector clock. */
  readonly clocks: Int32Array;
  /** Per object: the join of its releases (locks, semaphores, events, conditions). */
  private readonly objectClock: (Int32Array | undefined)[];
  /** Per object: the highest release / set / notify sequence applied so far. */
  private readonly objectSeq: Float64Array;
  private readonly barriers = new Map<number, Map<number, BarrierGeneration>>();
  private readonly queueItems = new Map<number, Map<number, Int32Array>>();
  private readonly tasks = new Map<number, Map<number, TaskClocks>>();
  private readonly startClock = new Map<number, Int32Array>();
  /** Per shared buffer with Atomics: granule (8-byte index) → its state. */
  private readonly granules = new Map<number, Map<number, Granule>>();
  /** Per channel: message sequence number → the sender's clock. */
  private readonly messages = new Map<number, Map<number, Int32Array>>();
  private readonly exitClock = new Map<number, Int32Array>();

  constructor(private readonly shape: HappensBeforeShape) {
    const T = shape.threads;
    this.threads = T;
    this.clocks = new Int32Array(T * T);
    for (let t = 0; t < T; t++) this.clocks[t * T + t] = 1;
    this.objectClock = new Array<Int32Array | undefined>(shape.objectCount);
    this.objectSeq = new Float64Array(shape.objectCount);
  }

  /** Thread t's current epoch (its own clock component). */
  epoch(t: number): number {
    return this.clocks[t * this.threads + t];
  }

  /** Whether epoch c of thread u happens before thread t's present: c ≤ C_t[u]. */
  knows(t: number, u: number, c: number): boolean {
    return c <= this.clocks[t * this.threads + u];
  }

  /** A copy of thread t's clock. */
  clockOf(t: number): Int32Array {
    return copyClock(this.clocks, t * this.threads, this.threads);
  }

  /** Whether the source of an acquire-like event has been applied. Others are always ready. */
  isReady(kind: number, obj: number, a: number, b: number, c = 0): boolean {
    switch (kind) {
      case EventKind.ATOMIC:
      case EventKind.ATOMIC_NOTIFY:
        return (this.granule(obj, a, false)?.applied ?? 0) >= accessVersion(c);
      case EventKind.MSG_RECV:
        return this.messages.get(obj)?.has(a) === true;
      case EventKind.LOCK_ACQUIRED: {
        if (obj < 0 || obj >= this.objectSeq.length) return true;
        const k = this.shape.objectKind[obj];
        const needed = k === ObjectKind.SEMAPHORE || k === ObjectKind.BOUNDED_SEMAPHORE ? a : a - 1;
        return needed <= this.objectSeq[obj];
      }
      case EventKind.EVENT_WAITED:
        return b !== 1 || obj < 0 || obj >= this.objectSeq.length || a <= this.objectSeq[obj];
      case EventKind.COND_WOKEN:
        return a < 0 || obj < 0 || obj >= this.objectSeq.length || a <= this.objectSeq[obj];
      case EventKind.QUEUE_GET:
        return this.queueItems.get(obj)?.has(a) === true;
      case EventKind.BARRIER_LEAVE: {
        if (b !== 1) return true;
        const parties = this.shape.parties(obj);
        return parties <= 0 || (this.barriers.get(obj)?.get(a)?.arrivals ?? 0) >= parties;
      }
      case EventKind.PROC_BEGIN:
        return !this.shape.wasStarted(obj) || this.startClock.has(obj);
      case EventKind.PROC_JOINED:
        return a !== 1 || !this.shape.hasExit(obj) || this.exitClock.has(obj);
      case EventKind.TASK_START:
        return this.task(obj, a, false)?.submitted != null;
      case EventKind.TASK_RESULT:
        return this.task(obj, a, false)?.ended != null;
      default:
        return true;
    }
  }

  /**
   * Applies event (kind, obj, a, b) of dense thread t to the clocks. Returns true for release-like
   * events (those that can make a held-back event ready).
   */
  apply(t: number, kind: number, obj: number, a: number, b: number, c = 0): boolean {
    switch (kind) {
      case EventKind.SHM_WRITE:
        return this.advance(this.granule(obj, a, true), accessVersion(c));
      case EventKind.ATOMIC:
        this.atomicAcquire(t, obj, a);
        return this.atomicRelease(t, obj, a, c);
      case EventKind.ATOMIC_NOTIFY: {
        const granule = this.granule(obj, a, true);
        if (!granule) return false;
        this.publishTo(t, (granule.clock ??= new Int32Array(this.threads)));
        return this.advance(granule, accessVersion(c));
      }
      case EventKind.MSG_SEND: {
        let sent = this.messages.get(obj);
        if (!sent) { sent = new Map(); this.messages.set(obj, sent); }
        sent.set(a, this.snapshot(t));
        return true;
      }
      case EventKind.MSG_RECV: {
        const sent = this.messages.get(obj);
        const clock = sent?.get(a);
        if (sent && clock) {
          this.receive(t, clock);
          // A BroadcastChannel message is received once per listening channel object.
          if (this.shape.objectKind[obj] !== ObjectKind.BROADCAST_CHANNEL) sent.delete(a);
        }
        return false;
      }
      case EventKind.LOCK_RELEASED:
      case EventKind.EVENT_SET:
      case EventKind.COND_NOTIFY:
        if (obj >= 0 && obj < this.objectSeq.length) {
          this.publishTo(t, this.objectClockFor(obj));
          if (a > this.objectSeq[obj]) this.objectSeq[obj] = a;
        }
        return true;
      case EventKind.LOCK_ACQUIRED:
        this.receiveObject(t, obj);
        return false;
      case EventKind.EVENT_WAITED:
        if (b === 1) this.receiveObject(t, obj);
        return false;
      case EventKind.COND_WOKEN:
        if (a >= 0) this.receiveObject(t, obj);
        return false;
      case EventKind.BARRIER_ARRIVE: {
        const generation = this.barrierGeneration(obj, a);
        this.publishTo(t, generation.clock);
        generation.arrivals++;
        return true;
      }
      case EventKind.BARRIER_LEAVE: {
        if (b !== 1) return false;
        const generations = this.barriers.get(obj);
        const generation = generations?.get(a);
        if (!generations || !generation) return false;
        this.receive(t, generation.clock);
        generation.leaves++;
        const parties = this.shape.parties(obj);
        if (parties > 0 && generation.leaves >= parties) generations.delete(a);
        return false;
      }
      case EventKind.QUEUE_PUT: {
        let items = this.queueItems.get(obj);
        if (!items) { items = new Map(); this.queueItems.set(obj, items); }
        items.set(a, this.snapshot(t));
        return true;
      }
      case EventKind.QUEUE_GET: {
        const items = this.queueItems.get(obj);
        const clock = items?.get(a);
        if (items && clock) {
          this.receive(t, clock);
          items.delete(a);
        }
        return false;
      }
      case EventKind.PROC_START:
        this.startClock.set(obj, this.snapshot(t));
        return true;
      case EventKind.PROC_BEGIN: {
        const clock = this.startClock.get(obj);
        if (clock) this.receive(t, clock);
        return false;
      }
      case EventKind.PROC_EXIT: {
        // Usually recorded by the exiting thread itself; if the supervisor wrote it, the exiting
        // thread's clock is still the one to publish.
        const exiting = this.shape.thread(obj);
        this.exitClock.set(obj, this.snapshot(exiting >= 0 ? exiting : t));
        return true;
      }
      case EventKind.PROC_JOINED: {
        const clock = a === 1 ? this.exitClock.get(obj) : undefined;
        if (clock) this.receive(t, clock);
        return false;
      }
      case EventKind.TASK_SUBMIT: {
        const task = this.task(obj, a, true);
        if (task) task.submitted = this.snapshot(t);
        return true;
      }
      case EventKind.TASK_START: {
        const clock = this.task(obj, a, false)?.submitted;
        if (clock) this.receive(t, clock);
        return false;
      }
      case EventKind.TASK_END: {
        const task = this.task(obj, a, true);
        if (task) task.ended = this.snapshot(t);
        return true;
      }
      case EventKind.TASK_RESULT: {
        const tasks = this.tasks.get(obj);
        const clock = tasks?.get(a)?.ended;
        if (tasks && clock) {
          this.receive(t, clock);
          tasks.delete(a);
        }
        return false;
      }
      default:
        return false;
    }
  }

  /** into := into ⊔ C_t, then tick t. */
  private publishTo(t: number, into: Int32Array): void {
    const T = this.threads;
    joinInto(into, 0, this.clocks, t * T, T);
    this.clocks[t * T + t]++;
  }

  /** A copy of C_t, then tick t. */
  private snapshot(t: number): Int32Array {
    const T = this.threads;
    const copy = copyClock(this.clocks, t * T, T);
    this.clocks[t * T + t]++;
    return copy;
  }

  /** C_t := C_t ⊔ clock. */
  private receive(t: number, clock: Int32Array): void {
    joinInto(this.clocks, t * this.threads, clock, 0, this.threads);
  }

  private receiveObject(t: number, obj: number): void {
    if (obj < 0 || obj >= this.objectClock.length) return;
    const clock = this.objectClock[obj];
    if (clock) this.receive(t, clock);
  }

  private objectClockFor(obj: number): Int32Array {
    let clock = this.objectClock[obj];
    if (!clock) {
      clock = new Int32Array(this.threads);
      this.objectClock[obj] = clock;
    }
    return clock;
  }

  /**
   * An Atomics operation in two halves, so that its own access can be checked for races between
   * them (after it knows what the address's releases published, before its own release ticks the
   * thread's epoch): the acquire every operation makes ...
   */
  atomicAcquire(t: number, obj: number, address: number): void {
    const clock = this.granule(obj, address, false)?.clock;
    if (clock) this.receive(t, clock);
  }

  /** ... and the release of those that write. True when it may have made a held event ready. */
  atomicRelease(t: number, obj: number, address: number, c: number): boolean {
    if (!atomicOpWrites(accessOp(c))) return false;
    const granule = this.granule(obj, address, true);
    if (!granule) return false;
    this.publishTo(t, (granule.clock ??= new Int32Array(this.threads)));
    return this.advance(granule, accessVersion(c));
  }

  /** The granule of `address` in a shared buffer that has Atomics (else null: nothing to order). */
  private granule(obj: number, address: number, create: boolean): Granule | null {
    if (!this.shape.hasAtomics?.(obj)) return null;
    let granules = this.granules.get(obj);
    if (!granules) {
      if (!create) return null;
      granules = new Map();
      this.granules.set(obj, granules);
    }
    const index = Math.floor(address / 8);
    let granule = granules.get(index);
    if (!granule && create) {
      granule = { applied: 0, clock: null };
      granules.set(index, granule);
    }
    return granule ?? null;
  }

  /** A writing operation that took version `before` was applied; true when the count moved. */
  private advance(granule: Granule | null, before: number): boolean {
    if (!granule || before + 1 <= granule.applied) return false;
    granule.applied = before + 1;
    return true;
  }

  private barrierGeneration(obj: number, generation: number): BarrierGeneration {
    let generations = this.barriers.get(obj);
    if (!generations) { generations = new Map(); this.barriers.set(obj, generations); }
    let entry = generations.get(generation);
    if (!entry) {
      entry = { arrivals: 0, leaves: 0, clock: new Int32Array(this.threads) };
      generations.set(generation, entry);
    }
    return entry;
  }

  private task(pool: number, id: number, create: boolean): TaskClocks | undefined {
    let tasks = this.tasks.get(pool);
    if (!tasks) {
      if (!create) return undefined;
      tasks = new Map();
      this.tasks.set(pool, tasks);
    }
    let task = tasks.get(id);
    if (!task && create) {
      task = { submitted: null, ended: null };
      tasks.set(id, task);
    }
    return task;
  }
}
