// piscina on the two workloads bench/scripts/pool-map.ts and pool-apply.ts give Interleave's Pool,
// each pool already started and warmed as those are:
//   piscina_map_ms  the same 100 000 items in the same chunks Pool.map sends (Python's chunksize,
//                   ceil(items / (4 × processes))), one task per chunk, results joined in order
//                   (what Pool.map returns); median of the same number of rounds.
//   piscina_run_ms  100 000 one-item tasks (run(x) per item), as piscina is usually used; against
//                   Pool.applyAsync per item.
// Usage: node bench/piscina-bench.mjs [map|run]   (both when not given)
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

const ITEMS = 100_000;
const MAP_ROUNDS = 21; // as pool-map.ts
const RUN_ROUNDS = 3; // as pool-apply.ts
const processes = availableParallelism(); // cpuCount(), what both scripts give their Pool

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const items = Array.from({ length: ITEMS }, (_, i) => i);

function chunksOf(list) {
  // Pool.map's default (runtime/pool.ts, as Python's): ceil(len / (4 × processes)).
  const size = Math.max(1, Math.ceil(list.length / (4 * processes)));
  const chunks = [];
  for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
  return chunks;
}

async function timeRounds(rounds, once) {
  const times = [];
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    const out = await once();
    times.push(performance.now() - t0);
    if (out[ITEMS - 1] !== (ITEMS - 1) ** 3) throw new Error('wrong result');
  }
  return median(times);
}

const options = { minThreads: processes, maxThreads: processes };

const which = process.argv[2] ?? 'both';
const figures = { processes, chunks: chunksOf(items).length };

if (which !== 'run') {
  const chunked = new Piscina({ ...options, filename: fileURLToPath(new URL('./piscina-chunk.js', import.meta.url)) });
  // Warm as pool-map.ts does: a map of [1, 2, 3, 4], in its chunks.
  await Promise.all(chunksOf([1, 2, 3, 4]).map((c) => chunked.run(c)));
  // Chunking is inside the timed part, as Pool.map chunks its input inside the call.
  figures.piscina_map_ms = await timeRounds(MAP_ROUNDS, async () => (await Promise.all(chunksOf(items).map((c) => chunked.run(c)))).flat());
  await chunked.destroy();
}

if (which !== 'map') {
  const single = new Piscina({ ...options, filename: fileURLToPath(new URL('./piscina-cube.js', import.meta.url)) });
  await Promise.all([1, 2, 3, 4].map((x) => single.run(x)));
  figures.piscina_run_ms = await timeRounds(RUN_ROUNDS, () => Promise.all(items.map((x) => single.run(x))));
  await single.destroy();
}

console.log(JSON.stringify(figures));
