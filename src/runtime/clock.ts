/**
 * The one clock of a run.
 *
 * Every thread stamps its events with `now()`: milliseconds since the run's epoch on the OS
 * monotonic clock (CLOCK_MONOTONIC, which libuv's hrtime reads). Why this clock, read this way:
 *   - process.hrtime() returns the same reading in every thread at the same instant (no per-thread
 *     origin), so times from different threads compare exactly. performance.now() counts from each
 *     worker's own start; aligning it by a measured offset left tens of nanoseconds of skew between
 *     threads, enough to stamp a read before the write it saw (and skew a lost-update count).
 *   - It is also the cheaper call in a worker (~6% measured against performance.now(), which
 *     validates its receiver first). The [seconds, nanoseconds] array it returns does not escape,
 *     but V8 still allocates its 32-byte backing store on every read (seen in the optimized code).
 *   - No BigInt: process.hrtime.bigint() allocates and costs ~25% more.
 */
import { hrtimeToMs } from '../shared/hrtime-ms';

const hrtime = process.hrtime;

/** The hrtime clock in milliseconds (what the supervisor takes the run's epoch from). */
export function hrtimeMs(): number {
  const [s, ns] = hrtime();
  return hrtimeToMs(s, ns);
}

/**
 * [0]: the run's epoch in hrtime milliseconds. In a typed array, not a `let`: the JIT reads a
 * reassigned module variable as "a small integer or a heap number" and checks which on every read.
 */
const epoch = new Float64Array(1);

/** Sets this thread's clock to count from the run's epoch (an hrtimeMs() reading). */
export function setClockEpoch(epochHrMs: number): void {
  epoch[0] = epochHrMs;
}

/** Milliseconds since the run's epoch. */
export function now(): number {
  const t = hrtime();
  return hrtimeToMs(t[0]!, t[1]!) - epoch[0]!;
}
