/**
 * The racing counter of demos/plain-racing-counter.js, with its counting loop timed from inside
 * each worker (so the comparison with plain `node` is of the work, not of start-up): two workers
 * add 1 to one Int32 slot of a SharedArrayBuffer, contended. Prints BENCH with the slower
 * worker's loop time.
 */
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');

const INCREMENTS = Number(process.env.PLAIN_COUNTER_INCREMENTS ?? 100_000);

if (isMainThread) {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const loops = [];
  for (let i = 0; i < 2; i++) {
    const worker = new Worker(__filename, { workerData: { counter, gate } });
    worker.on('message', (ms) => {
      loops.push(ms);
      if (loops.length === 2) console.log(`BENCH ${JSON.stringify({ loop_ms: Math.max(...loops), count: counter[0], increments: 2 * INCREMENTS })}`);
    });
  }
} else {
  const { counter, gate } = workerData;
  if (Atomics.add(gate, 0, 1) === 0) Atomics.wait(gate, 0, 1, 1000);
  else Atomics.notify(gate, 0);
  const t0 = performance.now();
  for (let i = 0; i < INCREMENTS; i++) {
    counter[0] += 1;
  }
  parentPort.postMessage(performance.now() - t0);
}
