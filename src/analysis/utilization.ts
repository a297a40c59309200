/**
 * Utilization over time: the run cut into equal buckets and, per bucket, the average number of
 * workers running, blocked and sleeping (so "3.2 running" on a 4-core machine reads at once).
 * Each interval adds its overlap with every bucket it spans: O(intervals + buckets × workers).
 */
import type { Utilization } from './report';
import { WorkerState } from './worker-time';

export function utilization(intervals: readonly number[][], startMs: number, endMs: number, cpuCount: number, buckets = 200): Utilization {
  const span = endMs - startMs;
  if (!(span > 0) || !Number.isFinite(span)) {
    return { startMs: Number.isFinite(startMs) ? startMs : 0, bucketMs: 0, cpuCount, running: [], blocked: [], sleeping: [] };
  }
  const bucketMs = span / buckets;
  const sums = [new Float64Array(buckets), new Float64Array(buckets), new Float64Array(buckets)];
  for (const list of intervals) {
    for (let i = 0; i < list.length; i += 3) {
      const from = list[i] - startMs;
      const to = list[i + 1] - startMs;
      const into = sums[list[i + 2] as WorkerState];
      let b = Math.max(0, Math.floor(from / bucketMs));
      const last = Math.min(buckets - 1, Math.floor(to / bucketMs));
      for (; b <= last; b++) {
        const overlap = Math.min(to, (b + 1) * bucketMs) - Math.max(from, b * bucketMs);
        if (overlap > 0) into[b] += overlap;
      }
    }
  }
  const average = (values: Float64Array): number[] => Array.from(values, (v) => round(v / bucketMs));
  return {
    startMs,
    bucketMs,
    cpuCount,
    running: average(sums[WorkerState.RUNNING]),
    blocked: average(sums[WorkerState.BLOCKED]),
    sleeping: average(sums[WorkerState.SLEEPING]),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
