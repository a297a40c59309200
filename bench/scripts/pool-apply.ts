/**
 * 100 000 Pool.applyAsync(cube, [x]) calls, all in flight at once, the pool already started: one
 * task per item, as piscina's run() is used (bench/piscina-bench.mjs, per-task part). Median of
 * ROUNDS rounds.
 */
import { Pool, cpuCount } from 'interleave';

export const ITEMS = 100_000;
export const ROUNDS = 3;

export function cube(x: number): number {
  return x * x * x;
}

export async function main(): Promise<void> {
  const items = Array.from({ length: ITEMS }, (_, i) => i);
  const pool = new Pool(cpuCount());
  await Promise.all([1, 2, 3, 4].map((x) => pool.applyAsync(cube, [x]))); // warm, as piscina's
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    const out = await Promise.all(items.map((x) => pool.applyAsync(cube, [x])));
    times.push(performance.now() - t0);
    if (out[ITEMS - 1] !== (ITEMS - 1) ** 3) throw new Error('wrong result');
  }
  pool.close();
  pool.join();
  times.sort((a, b) => a - b);
  console.log(`BENCH ${JSON.stringify({ pool_apply_ms: times[Math.floor(times.length / 2)], processes: cpuCount() })}`);
}
