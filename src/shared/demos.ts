/** The built-in demos: one per lesson of the seed tutorial, in its order. */
export interface Demo {
  name: string;
  file: string;
  title: string;
  lesson: string;
}

export const DEMOS: readonly Demo[] = [
  { name: 'processes', file: 'processes.ts', title: 'Processes on every core', lesson: 'start() and join() one Process per CPU (square_numbers on cpuCount() workers)' },
  { name: 'race', file: 'race.ts', title: 'The lost-update race', lesson: 'two workers add 100 each to a shared Value without a lock: updates get lost' },
  { name: 'race-locked', file: 'race-locked.ts', title: 'A Lock fixes the race', lesson: 'the same counter behind a Lock ends exact' },
  { name: 'array', file: 'array.ts', title: 'A shared Array, with and without a lock', lesson: 'two workers increment every element of a shared Array' },
  { name: 'queue', file: 'queue.ts', title: 'Queue ordering', lesson: 'two producers, one consumer: each producer\'s items stay in order' },
  { name: 'pool', file: 'pool.ts', title: 'Pool.map', lesson: 'Pool.map(cube, range) chunks the work over the workers, results in order' },
  { name: 'deadlock', file: 'deadlock.ts', title: 'A deadlock', lesson: 'two workers take two locks in opposite order and wait for each other forever' },
  { name: 'dying-worker', file: 'dying-worker.ts', title: 'A worker that dies', lesson: 'a worker throws: the error is reported, not silently lost' },
  // The same lessons in plain worker_threads, without the Interleave API: run as `node FILE` runs them.
  { name: 'plain-race', file: 'plain-racing-counter.js', title: 'The racing counter (plain worker_threads)', lesson: 'two Workers add 1 to a SharedArrayBuffer slot without Atomics: the race is found, each lost increment counted' },
  { name: 'plain-atomics', file: 'plain-atomics.js', title: 'Atomics.add fixes it (plain worker_threads)', lesson: 'the same counter with Atomics.add: every increment arrives, no race' },
  { name: 'plain-messages', file: 'plain-messages.js', title: 'Messages from two workers (plain worker_threads)', lesson: 'each worker\'s postMessage arrives in order, the two interleaved differently each run' },
  { name: 'plain-handoff', file: 'plain-handoff.js', title: 'A handoff with Atomics.wait/notify (plain worker_threads)', lesson: 'main and a Worker take turns through one flag: waits, wake arrows, no race' },
];

export function findDemo(name: string): Demo | undefined {
  return DEMOS.find((d) => d.name === name);
}
