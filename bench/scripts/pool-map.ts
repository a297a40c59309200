/** Pool.map(cube, range(100000)) with tracing on, the pool already started: median of rounds. */
import { Pool, cpuCount } from 'interleave';

export function cube(x: number): number {
  return x * x * x;
}

export function main(): void {
  const items = Array.from({ length: 100_000 }, (_, i) => i);
  const pool = new Pool(cpuCount());
  pool.map(cube, [1, 2, 3, 4]); // warm: the workers have started and loaded the script
  const times: number[] = [];
  for (let round = 0; round < 9; round++) {
    const t0 = performance.now();
    const out = pool.map(cube, items);
    times.push(performance.now() - t0);
    if (out[99_999] !== 99_999 ** 3) throw new Error('wrong result');
  }
  pool.close();
  pool.join();
  times.sort((a, b) => a - b);
  console.log(`BENCH ${JSON.stringify({ pool_map_ms: times[Math.floor(times.length / 2)], processes: cpuCount() })}`);
}
