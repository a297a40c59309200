/**
 * Lesson: a handoff with Atomics.wait and Atomics.notify, in plain worker_threads.
 *
 * The main thread and a worker take turns five times through one shared flag: each writes its
 * value into a shared slot with a plain store, then flips the flag with Atomics.store and wakes
 * the other with Atomics.notify; the other sleeps in Atomics.wait until then. The wait/notify
 * pairs order every write before the read that follows it: Interleave draws the waits, an arrow
 * from each notify to the thread it woke, and finds no race.
 */
const { Worker, isMainThread, workerData } = require('node:worker_threads');

const ROUNDS = 5;
const MAIN_TURN = 0;
const WORKER_TURN = 1;

function play(words, me, other, name) {
  for (let round = 1; round <= ROUNDS; round++) {
    // Sleep until it is my turn (Atomics.wait returns at once when it already is).
    while (Atomics.load(words, 0) !== me) Atomics.wait(words, 0, other);
    const received = words[1]; // a plain read: ordered after the other's plain write by the handoff
    words[1] = received + 1; // a plain write
    if (name === 'main') console.log(`round ${round}: main got ${received}`);
    Atomics.store(words, 0, other);
    Atomics.notify(words, 0);
  }
}

if (isMainThread) {
  const words = new Int32Array(new SharedArrayBuffer(8)); // [0] whose turn, [1] the value passed
  const worker = new Worker(__filename, { workerData: words, name: 'partner' });
  play(words, MAIN_TURN, WORKER_TURN, 'main');
  worker.on('exit', () => console.log(`final value: ${words[1]} (expected ${2 * ROUNDS})`));
} else {
  play(workerData, WORKER_TURN, MAIN_TURN, 'partner');
}
