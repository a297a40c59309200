/**
 * Pool.map(cube, range(100000)) with the runner's default tracing, the pool already started:
 * median of ROUNDS rounds. bench/piscina-bench.mjs gives piscina the same chunks, warm-up and
 * rounds (see CHUNKS there).
 */
import { Pool, cpuCount } from 'interleave';

export const ITEMS = 100_000;
export const ROUNDS = 21;

export function cube(x: number): number {
  return x * x * x;
}

export function main(): void {
  const items = Array.from({ length: ITEMS }, (_, i) => i);
  const pool = new Pool(cpuCount());
  pool.map(cube, [1, 2, 3, 4]); // warm: the workers have started and loaded the script
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    const out = pool.map(cube, items);
    times.push(performance.now() - t0);
    if (out[ITEMS - 1] !== (ITEMS - 1) ** 3) throw new Error('wrong result');
  }
  pool.close();
  pool.join();
  times.sort((a, b) => a - b);
  console.log(`BENCH ${JSON.stringify({ pool_map_ms: times[Math.floor(times.length / 2)], processes: cpuCount() })}`);
}
