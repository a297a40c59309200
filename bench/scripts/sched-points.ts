/**
 * What one scheduling point costs: main reads and writes a shared Value N times each, timed in
 * main. bench/schedule.mjs runs it once freely and once under the scheduler (`run --replay is1:`,
 * the schedule without preemptions), both with every location captured (as scheduled runs do), and
 * takes the difference per point: the thread parking, the supervisor's scheduler seeing the
 * doorbell, looking at every thread and letting one go, and the thread waking. One thread, so the
 * loop's time is all its own; with more threads each decision costs the same round trip.
 */
import { Value } from 'interleave';

const N = 5000;

export function main(): void {
  const v = new Value('i', 0, { name: 'v' });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) v.value = v.value + 1;
  const ms = performance.now() - t0;
  console.log(`BENCH ${JSON.stringify({ points: 2 * N, loop_ms: ms })}`);
}
