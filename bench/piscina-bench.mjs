// piscina running the same 100 000 tiny tasks (one task per item), pool already started.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

const pool = new Piscina({
  filename: fileURLToPath(new URL('./piscina-cube.js', import.meta.url)),
  minThreads: availableParallelism(),
  maxThreads: availableParallelism(),
});
const items = Array.from({ length: 100_000 }, (_, i) => i);
await Promise.all([1, 2, 3, 4].map((x) => pool.run(x)));
const times = [];
for (let round = 0; round < 5; round++) {
  const t0 = performance.now();
  const out = await Promise.all(items.map((x) => pool.run(x)));
  times.push(performance.now() - t0);
  if (out[99_999] !== 99_999 ** 3) throw new Error('wrong result');
}
await pool.destroy();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ piscina_ms: times[Math.floor(times.length / 2)] }));
