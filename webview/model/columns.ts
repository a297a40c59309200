/**
 * Columnar, growable storage for what the timeline draws: spans (start, end, state, ref) and
 * points (time, category, ref). Typed arrays keep a million items in a few megabytes and let the
 * drawing loops run without allocation.
 *
 * Invariant used by drawing: after `ensureSorted()`, `start` (or `time`) is non-decreasing.
 * Appends usually arrive in order (one thread's events are in time order); the few that do not
 * (cross-thread pairings) set `unsorted`, and the next draw sorts once.
 */

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, min: number, make: (n: number) => T): T {
  if (a.length >= min) return a;
  const next = make(Math.max(min, a.length * 2, 64));
  next.set(a);
  return next;
}

/** Index of the first element >= value in a[0..n) (a sorted). */
export function lowerBound(a: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the first element >= value in a[from..n), searching outward from `from` first
 * (exponential search): the drawing loops jump one pixel at a time, so the answer is usually
 * near, and this costs O(log distance) instead of O(log n).
 */
export function gallop(a: Float64Array, from: number, n: number, value: number): number {
  if (from >= n || a[from] >= value) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < n && a[hi] < value) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > n) hi = n;
  lo += 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SpanColumn {
  start = new Float64Array(0);
  end = new Float64Array(0);
  state = new Uint8Array(0);
  /** An event index (or, for core lanes, a process id): what a click on the span shows. */
  ref = new Int32Array(0);
  length = 0;
  /** Longest span so far: how far back a query must look when spans may overlap. */
  maxDuration = 0;
  /** True when spans may overlap (lock waits, semaphore holds): queries look back maxDuration. */
  overlapping: boolean;
  private unsorted = false;

  constructor(overlapping = false) {
    this.overlapping = overlapping;
  }

  push(start: number, end: number, state: number, ref: number): void {
    const n = this.length;
    if (n + 1 > this.start.length) {
      this.start = grow(this.start, n + 1, (k) => new Float64Array(k));
      this.end = grow(this.end, n + 1, (k) => new Float64Array(k));
      this.state = grow(this.state, n + 1, (k) => new Uint8Array(k));
      this.ref = grow(this.ref, n + 1, (k) => new Int32Array(k));
    }
    if (n > 0 && start < this.start[n - 1]) this.unsorted = true;
    this.start[n] = start;
    this.end[n] = end;
    this.state[n] = state;
    this.ref[n] = ref;
    this.length = n + 1;
    if (end - start > this.maxDuration) this.maxDuration = end - start;
  }

  /** Prefix sums of time spent in one state, by span index (lazily extended after appends). */
  private cumState = -1;
  private cum = new Float64Array(1);
  private cumLength = 0;

  /**
   * Time spent in `state` before t, for non-overlapping spans: O(log n) after the prefix sums
   * are built, so the utilisation graph costs O(pixels × log n) at any zoom.
   */
  timeInStateBefore(state: number, t: number): number {
    this.ensureSorted();
    if (this.cumState !== state) {
      this.cumState = state;
      this.cumLength = 0;
    }
    const n = this.length;
    if (this.cumLength < n) {
      if (this.cum.length < n + 1) {
        const next = new Float64Array(Math.max(n + 1, this.cum.length * 2));
        next.set(this.cum.subarray(0, this.cumLength + 1));
        this.cum = next;
      }
      for (let i = this.cumLength; i < n; i++) this.cum[i + 1] = this.cum[i] + (this.state[i] === state ? this.end[i] - this.start[i] : 0);
      this.cumLength = n;
    }
    const i = lowerBound(this.end, n, t);
    let sum = this.cum[i];
    if (i < n && this.state[i] === state && this.start[i] < t) sum += t - this.start[i];
    return sum;
  }

  ensureSorted(): void {
    if (!this.unsorted) return;
    this.unsorted = false;
    this.cumLength = 0;
    const n = this.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const s = this.start;
    order.sort((x, y) => s[x] - s[y]);
    const start = new Float64Array(this.start.length);
    const end = new Float64Array(this.start.length);
    const state = new Uint8Array(this.start.length);
    const ref = new Int32Array(this.start.length);
    for (let i = 0; i < n; i++) {
      const j = order[i];
      start[i] = this.start[j];
      end[i] = this.end[j];
      state[i] = this.state[j];
      ref[i] = this.ref[j];
    }
    this.start = start;
    this.end = end;
    this.state = state;
    this.ref = ref;
  }

  /** First index whose span may reach t or later (spans sorted by start). */
  firstReaching(t: number): number {
    this.ensureSorted();
    if (this.overlapping) return lowerBound(this.start, this.length, t - this.maxDuration);
    // Non-overlapping spans: ends are sorted too; find the first end >= t.
    return lowerBound(this.end, this.length, t);
  }
}

export class PointColumn {
  time = new Float64Array(0);
  category = new Uint8Array(0);
  ref = new Int32Array(0);
  length = 0;
  private unsorted = false;

  push(time: number, category: number, ref: number): void {
    const n = this.length;
    if (n + 1 > this.time.length) {
      this.time = grow(this.time, n + 1, (k) => new Float64Array(k));
      this.category = grow(this.category, n + 1, (k) => new Uint8Array(k));
      this.ref = grow(this.ref, n + 1, (k) => new Int32Array(k));
    }
    if (n > 0 && time < this.time[n - 1]) this.unsorted = true;
    this.time[n] = time;
    this.category[n] = category;
    this.ref[n] = ref;
    this.length = n + 1;
  }

  ensureSorted(): void {
    if (!this.unsorted) return;
    this.unsorted = false;
    const n = this.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const t = this.time;
    order.sort((x, y) => t[x] - t[y]);
    const time = new Float64Array(this.time.length);
    const category = new Uint8Array(this.time.length);
    const ref = new Int32Array(this.time.length);
    for (let i = 0; i < n; i++) {
      const j = order[i];
      time[i] = this.time[j];
      category[i] = this.category[j];
      ref[i] = this.ref[j];
    }
    this.time = time;
    this.category = category;
    this.ref = ref;
  }

  firstAtOrAfter(t: number): number {
    this.ensureSorted();
    return lowerBound(this.time, this.length, t);
  }
}
