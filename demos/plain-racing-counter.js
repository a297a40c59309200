/**
 * Lesson: the racing counter, in plain worker_threads (no Interleave API).
 *
 * Two workers each add 1 to one Int32 slot of a SharedArrayBuffer 100,000 times. `counter[0] += 1`
 * is a read, then a write: when both workers read the same value before either writes, one
 * increment is lost. Run it with plain `node` and the total changes from run to run; run it with
 * Interleave and the race is found with both lines, and every lost increment counted.
 */
const { Worker, isMainThread, workerData } = require('node:worker_threads');

const INCREMENTS = 100_000;

if (isMainThread) {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const gate = new Int32Array(new SharedArrayBuffer(4));
  let finished = 0;
  for (let i = 0; i < 2; i++) {
    new Worker(__filename, { workerData: { counter, gate } }).on('exit', () => {
      if (++finished === 2) console.log(`counter: ${counter[0]} (expected ${2 * INCREMENTS})`);
    });
  }
} else {
  const { counter, gate } = workerData;
  // A start gate, so that both workers count at the same time: the second to arrive opens it.
  if (Atomics.add(gate, 0, 1) === 0) Atomics.wait(gate, 0, 1, 1000);
  else Atomics.notify(gate, 0);
  for (let i = 0; i < INCREMENTS; i++) {
    counter[0] += 1; // a read, then a write: not atomic
  }
}
