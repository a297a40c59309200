/**
 * The one clock of a run.
 *
 * Every thread stamps its events with `now()`: milliseconds since the run's epoch on the OS
 * monotonic clock (CLOCK_MONOTONIC, which libuv's hrtime reads). Why this clock:
 *   - performance.now() is the cheapest high-resolution clock in Node (no BigInt, no syscall on
 *     Linux's vDSO path), but each worker's performance.now() counts from that worker's own start;
 *   - process.hrtime() reads the same monotonic clock in every thread, but allocates.
 * So each thread measures, once at start-up, the offset between its performance.now() and the
 * shared hrtime epoch, and from then on pays one performance.now() and one addition per event.
 * Both read CLOCK_MONOTONIC, so the offset does not drift and times from different threads compare.
 */
import { performance } from 'node:perf_hooks';

export function hrtimeMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

let offsetMs = 0;

/** Aligns this thread's clock to the run's epoch (given on the hrtime clock). */
export function calibrateClock(epochHrMs: number): void {
  // Take the closest pair of readings out of a few, to keep the offset error well under 1 µs.
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const before = performance.now();
    const hr = hrtimeMs();
    const after = performance.now();
    if (after - before < best) {
      best = after - before;
      offsetMs = hr - epochHrMs - (before + after) / 2;
    }
  }
}

/** Milliseconds since the run's epoch. */
export function now(): number {
  return performance.now() + offsetMs;
}
