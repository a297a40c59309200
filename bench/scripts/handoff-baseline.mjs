// The floor under a scheduling point: a bare round trip between two threads through
// Atomics.wait/notify (the main thread waits synchronously here, as a thread at a point does; the
// supervisor's scheduler waits through its event loop or watches the word). Prints BENCH JSON.
import { Worker } from 'node:worker_threads';

const N = 10_000;
const words = new Int32Array(new SharedArrayBuffer(8));
const worker = new Worker(`
  const { workerData } = require('node:worker_threads');
  const w = new Int32Array(workerData);
  for (let i = 1; i <= ${N}; i++) {
    while (Atomics.load(w, 0) !== i) Atomics.wait(w, 0, i - 1);
    Atomics.store(w, 1, i);
    Atomics.notify(w, 1);
  }
`, { eval: true, workerData: words.buffer });
await new Promise((r) => setTimeout(r, 100));
const t0 = performance.now();
for (let i = 1; i <= N; i++) {
  Atomics.store(words, 0, i);
  Atomics.notify(words, 0);
  while (Atomics.load(words, 1) !== i) Atomics.wait(words, 1, i - 1);
}
const ms = performance.now() - t0;
await worker.terminate();
console.log(`BENCH ${JSON.stringify({ handoff_round_trip_ns: Math.round((ms * 1e6) / N) })}`);
