/**
 * When a shared object's memory comes back: once no thread can reach the object any more, and
 * never while one still can.
 *
 * Each object keeps a reference count in shared memory (the spare word of its heap block, see
 * shared-heap.ts). It counts
 *   - each thread that holds at least one live wrapper of the object (a Value, a Queue, ... made
 *     or revived there), and
 *   - each handle in flight: a descriptor made by toHandle() (for a Queue item, a Process's args,
 *     a Pool task) that no thread has revived yet.
 * A thread counts its own wrappers locally (so a thread with a thousand wrappers of one Lock holds
 * one shared reference) and drops its reference when the last of them is collected (seen by its
 * FinalizationRegistry, or sooner by reclaimCollected()), or when the thread ends. Reviving a handle turns the handle's reference into the
 * reviving thread's, or drops it when that thread already had one.
 *
 * Why this makes use-after-free impossible from the API: every way to reach an object is a
 * wrapper (counted while alive) or a handle (counted from toHandle() until revived), so the count
 * is above zero while anything can reach the memory. The count only rises from above zero (a
 * thread raises it only while holding a wrapper), so once zero it stays zero, and the memory is
 * freed exactly once, by whoever brought it to zero.
 *
 * What this does not give back: a handle that is never revived (an item left in a queue that is
 * itself dropped, the args of a Process never started, work lost to Pool.terminate()) keeps its
 * object for the rest of the run; a thread ended by terminate() keeps its references. That memory
 * is leaked, never reused while reachable. And a wrapper made or used in the current synchronous
 * job stays alive to the end of it (as WeakRef and FinalizationRegistry specify): a loop that makes
 * and drops objects without ever yielding (an await, a return to the event loop) gets their
 * memory back when it yields.
 */
import { heapViews, rt } from './context';
import { forgetEachRun } from './run-scope';
import { SharedHeap } from './shared-heap';

/** Frees an object's memory; called once, in whichever thread dropped the last reference. */
export type Dispose = (offset: number) => void;

interface Held {
  /** This thread's live wrappers of the object, weakly (see reclaimCollected). */
  refs: Set<WeakRef<object>>;
  dispose: Dispose;
}

interface Token {
  offset: number;
  ref: WeakRef<object>;
}

const held = new Map<number, Held>();
const registry = new FinalizationRegistry<Token>((token) => forget(token.offset, token.ref));
let exitHooked = false;

// The next run has a heap of its own: this run's objects are nobody's to free there.
forgetEachRun(() => {
  for (const entry of held.values()) for (const ref of entry.refs) registry.unregister(ref);
  held.clear();
  exitHooked = false;
});

function countWord(offset: number): number {
  return SharedHeap.spareWord(offset);
}

/** A wrapper of an object this thread just allocated (its count is 0: nobody else knows it). */
export function holdNew(wrapper: object, offset: number, dispose: Dispose): void {
  Atomics.store(heapViews().heapI32, countWord(offset), 1);
  track(wrapper, offset, dispose);
}

/** A wrapper revived from a handle: the handle's reference becomes this thread's, or goes. */
export function holdRevived(wrapper: object, offset: number, dispose: Dispose): void {
  const known = held.get(offset);
  if (known) {
    release(offset, known.dispose); // this thread holds one already; the handle's is not needed
  }
  track(wrapper, offset, dispose);
}

/** A handle of the object is leaving this thread: it counts until some thread revives it. */
export function handleMade(offset: number): void {
  if (!held.has(offset)) throw new Error('interleave: a handle of a shared object this thread does not hold');
  Atomics.add(rt().heapI32, countWord(offset), 1);
}

/** References this thread holds now (for tests). */
export function heldObjectCount(): number {
  return held.size;
}

/**
 * Drops the references of wrappers the collector has already taken, now, without waiting for the
 * FinalizationRegistry's callbacks (which run only at the event loop's next turn). gc-pressure.ts
 * calls it after a full collection, before the heap grows. A wrapper made or used in the current
 * synchronous job is never seen as collected here (WeakRef keeps it for the job), so this frees
 * what earlier turns dropped.
 */
export function reclaimCollected(): void {
  for (const [offset, entry] of held) {
    for (const ref of entry.refs) {
      if (ref.deref() === undefined) {
        registry.unregister(ref);
        forget(offset, ref);
      }
    }
  }
}

function track(wrapper: object, offset: number, dispose: Dispose): void {
  const ref = new WeakRef(wrapper);
  const entry = held.get(offset);
  if (entry) entry.refs.add(ref);
  else held.set(offset, { refs: new Set([ref]), dispose });
  registry.register(wrapper, { offset, ref }, ref);
  if (!exitHooked) {
    exitHooked = true;
    // A thread that ends holds nothing any more: its references go with it.
    process.once('exit', dropAll);
  }
}

function forget(offset: number, ref: WeakRef<object>): void {
  const entry = held.get(offset);
  if (!entry || !entry.refs.delete(ref) || entry.refs.size > 0) return;
  held.delete(offset);
  release(offset, entry.dispose);
}

function release(offset: number, dispose: Dispose): void {
  if (Atomics.sub(heapViews().heapI32, countWord(offset), 1) === 1) dispose(offset);
}

function dropAll(): void {
  const entries = [...held];
  held.clear();
  for (const [offset, entry] of entries) release(offset, entry.dispose);
}
