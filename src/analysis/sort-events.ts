/**
 * Time order for an event log: a stable sort (equal times keep file order) built for how traces
 * are made.
 *
 * Each thread's events reach the file in the order that thread recorded them, so a log is a few
 * already-sorted runs (one per thread, sometimes cut where a sampler wrote late) interleaved by
 * the supervisor's drain. Gathering each thread's records, cutting them into non-decreasing runs
 * and merging the runs pairwise costs O(n log r) for r runs instead of O(n log n), touches only a
 * compact column of times, and needs no comparator calls.
 *
 * Ties between runs are broken by record index, which is what makes the whole sort stable.
 *
 * CPU records are the exception to "a thread's records are in order": the supervisor's sampler
 * writes them for a thread, late, between that thread's own records. Left in the thread's group
 * they would cut it into hundreds of runs, so they form a group of their own (the sampler's
 * records are in order among themselves).
 */
import { EventKind, RECORD_SLOTS, Slot } from '../shared/events';

/** Record indices (0, 1, ... in file order) listed in time order. */
export function sortOrder(events: Float64Array): Uint32Array {
  const n = Math.floor(events.length / RECORD_SLOTS);
  const times = new Float64Array(n);
  const groupOf = new Int32Array(n);
  const groups = denseGroups(events, n, times, groupOf);
  return sortOrderOf(times, groupOf, groups);
}

/**
 * The same order from columns the caller already has: each record's time and its group numbered
 * densely (0..groups-1): its thread, or one shared group for CPU records. The analysis gathers
 * these in its own first pass, which saves one over the records.
 */
export function sortOrderOf(times: Float64Array, groupOf: Int32Array, groups: number): Uint32Array {
  const grouped = groupByThread(groupOf, groups);
  const runStarts = cutRuns(grouped, times);
  return runStarts.length <= HEAP_MERGE_MAX_RUNS
    ? mergeWithHeap(grouped, runStarts, times)
    : mergeRuns(grouped, runStarts, times);
}

/** A copy of `events` with its records in time order. */
export function sortEvents(events: Float64Array): Float64Array {
  return applyOrder(events, sortOrder(events));
}

/** A copy of `events` with its records rearranged as `order` lists them. */
export function applyOrder(events: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length * RECORD_SLOTS);
  for (let k = 0; k < order.length; k++) {
    const from = order[k] * RECORD_SLOTS;
    const to = k * RECORD_SLOTS;
    for (let s = 0; s < RECORD_SLOTS; s++) out[to + s] = events[from + s];
  }
  return out;
}

/** Up to this many runs are merged in one pass with a heap; more, pairwise in log passes. */
const HEAP_MERGE_MAX_RUNS = 512;

/** Fills each record's time and dense group number; returns how many groups there are. */
function denseGroups(events: Float64Array, n: number, times: Float64Array, groupOf: Int32Array): number {
  const dense = new Map<number, number>();
  const small = new Int32Array(256).fill(-1);
  let threads = 0;
  for (let i = 0; i < n; i++) {
    const at = i * RECORD_SLOTS;
    times[i] = events[at + Slot.time];
    // All CPU records share a pseudo-thread (NaN never equals a real thread id).
    const thread = events[at + Slot.kind] === EventKind.CPU ? NaN : events[at + Slot.thread];
    let d: number;
    if (thread >= 0 && thread < 256 && (thread | 0) === thread) {
      d = small[thread];
      if (d < 0) { d = threads++; small[thread] = d; }
    } else {
      const known = dense.get(thread);
      if (known === undefined) { d = threads++; dense.set(thread, d); } else d = known;
    }
    groupOf[i] = d;
  }
  return threads;
}

/** Record indices grouped by thread (a counting sort on the thread), file order within. */
function groupByThread(threadOf: Int32Array, threads: number): Uint32Array {
  const n = threadOf.length;
  const next = new Uint32Array(threads + 1);
  for (let i = 0; i < n; i++) next[threadOf[i] + 1]++;
  for (let d = 1; d <= threads; d++) next[d] += next[d - 1];
  const grouped = new Uint32Array(n);
  for (let i = 0; i < n; i++) grouped[next[threadOf[i]]++] = i;
  return grouped;
}

/** Start positions of maximal non-decreasing runs in `grouped` (thread borders always cut). */
function cutRuns(grouped: Uint32Array, times: Float64Array): number[] {
  const starts: number[] = [];
  for (let k = 0; k < grouped.length; k++) {
    // A run continues while time does not go back and the record index keeps rising (which is
    // true inside one thread's group and false across a thread border).
    if (k === 0 || !(times[grouped[k]] >= times[grouped[k - 1]] && grouped[k] > grouped[k - 1])) starts.push(k);
  }
  return starts;
}

/**
 * One k-way merge pass: a binary heap of run heads keyed by (time, record index). Each output
 * costs O(log r) comparisons on a tiny, cache-resident heap.
 */
function mergeWithHeap(grouped: Uint32Array, starts: number[], times: Float64Array): Uint32Array {
  const n = grouped.length;
  const runs = starts.length;
  if (runs <= 1) return grouped;
  const out = new Uint32Array(n);
  const pos = new Int32Array(runs);
  const end = new Int32Array(runs);
  const heap = new Int32Array(runs);
  const keyTime = new Float64Array(runs);
  const keyIndex = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    pos[r] = starts[r];
    end[r] = r + 1 < runs ? starts[r + 1] : n;
    heap[r] = r;
    keyIndex[r] = grouped[pos[r]];
    keyTime[r] = times[keyIndex[r]];
  }
  let size = runs;
  const less = (a: number, b: number): boolean =>
    keyTime[a] < keyTime[b] || (keyTime[a] === keyTime[b] && keyIndex[a] < keyIndex[b]);
  const siftDown = (from: number): void => {
    let i = from;
    const run = heap[i];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && less(heap[child + 1], heap[child])) child++;
      if (!less(heap[child], run)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = run;
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  for (let k = 0; k < n; k++) {
    const run = heap[0];
    out[k] = keyIndex[run];
    const next = ++pos[run];
    if (next < end[run]) {
      const record = grouped[next];
      keyIndex[run] = record;
      keyTime[run] = times[record];
    } else {
      heap[0] = heap[--size];
    }
    if (size > 0) siftDown(0);
  }
  return out;
}

function mergeRuns(grouped: Uint32Array, starts: number[], times: Float64Array): Uint32Array {
  const n = grouped.length;
  if (starts.length <= 1) return grouped;
  let src: Uint32Array = grouped;
  let dst: Uint32Array = new Uint32Array(n);
  let bounds = starts.concat([n]);
  while (bounds.length > 2) {
    const merged: number[] = [];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r];
      const mid = bounds[r + 1];
      const hi = r + 2 < bounds.length ? bounds[r + 2] : mid;
      mergeTwo(src, dst, lo, mid, hi, times);
      merged.push(lo);
    }
    merged.push(n);
    bounds = merged;
    const swap = src;
    src = dst;
    dst = swap;
  }
  return src;
}

/** Merges src[lo, mid) and src[mid, hi) into dst[lo, hi) by (time, record index). */
function mergeTwo(src: Uint32Array, dst: Uint32Array, lo: number, mid: number, hi: number, times: Float64Array): void {
  if (mid >= hi || before(src[mid - 1], src[mid], times)) {
    dst.set(src.subarray(lo, hi), lo);
    return;
  }
  let i = lo;
  let j = mid;
  let k = lo;
  let a = src[i];
  let b = src[j];
  let ta = times[a];
  let tb = times[b];
  for (;;) {
    if (ta < tb || (ta === tb && a < b)) {
      dst[k++] = a;
      if (++i === mid) break;
      a = src[i];
      ta = times[a];
    } else {
      dst[k++] = b;
      if (++j === hi) break;
      b = src[j];
      tb = times[b];
    }
  }
  while (i < mid) dst[k++] = src[i++];
  while (j < hi) dst[k++] = src[j++];
}

function before(a: number, b: number, times: Float64Array): boolean {
  const ta = times[a];
  const tb = times[b];
  return ta < tb || (ta === tb && a < b);
}
