/**
 * Lesson: messages from two workers, in plain worker_threads.
 *
 * Two workers each post five numbered messages to the main thread. Each worker's messages arrive
 * in the order it sent them (a channel is first in, first out), but how the two workers' messages
 * interleave changes from run to run. Interleave draws each message as an arrow from its
 * postMessage to its receipt, numbered per channel, and lists both channels under `queues`.
 */
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');

const MESSAGES = 5;

if (isMainThread) {
  const arrivals = [];
  let finished = 0;
  for (const name of ['alice', 'bob']) {
    const worker = new Worker(__filename, { workerData: name, name });
    worker.on('message', (message) => arrivals.push(message));
    worker.on('exit', () => {
      if (++finished < 2) return;
      console.log(`arrival order: ${arrivals.join(', ')}`);
      for (const sender of ['alice', 'bob']) {
        const own = arrivals.filter((m) => m.startsWith(sender));
        console.log(`${sender}'s messages in the order sent: ${own.every((m, i) => m === `${sender} #${i + 1}`)}`);
      }
    });
  }
} else {
  for (let i = 1; i <= MESSAGES; i++) {
    // A little work between messages, different for each worker, so that they interleave.
    const until = performance.now() + (workerData === 'alice' ? 2 : 3);
    while (performance.now() < until);
    parentPort.postMessage(`${workerData} #${i}`);
  }
}
