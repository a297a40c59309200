/**
 * Lesson: Pool.map.
 *
 * A Pool of cpuCount() workers maps cube() over 0..99: the items go out in chunks, the results
 * come back in order. The timeline shows each chunk submitted, run and returned.
 */
import { Pool } from 'interleave';

export function cube(n: number): number {
  return n * n * n;
}

export function main(): void {
  const pool = new Pool();
  const cubes = pool.map(cube, Array.from({ length: 100 }, (_, i) => i));
  pool.close();
  pool.join();
  console.log('first cubes:', cubes.slice(0, 6).join(', '), '...', cubes[99]);
}
