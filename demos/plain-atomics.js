/**
 * Lesson: the racing counter made right, in plain worker_threads: Atomics.add.
 *
 * The same two workers and the same SharedArrayBuffer, but each increment is one Atomics.add: a
 * read-modify-write no other thread can split. Every increment arrives, and Interleave finds no
 * race: each Atomics operation is a synchronising access, ordered with the others on its address.
 */
const { Worker, isMainThread, workerData } = require('node:worker_threads');

const INCREMENTS = 20_000;

if (isMainThread) {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  let finished = 0;
  for (let i = 0; i < 2; i++) {
    new Worker(__filename, { workerData: counter }).on('exit', () => {
      if (++finished === 2) console.log(`counter: ${Atomics.load(counter, 0)} (expected ${2 * INCREMENTS})`);
    });
  }
} else {
  for (let i = 0; i < INCREMENTS; i++) {
    Atomics.add(workerData, 0, 1); // one indivisible read-modify-write
  }
}
