/**
 * The built-in demos, one per lesson of the seed tutorial, in the tutorial's order. The runner
 * runs them like any script (`demos/NAME.ts` inside the extension); this list only names them and
 * says in one line what each one shows. No vscode import: unit-tested in plain Node.
 */
import * as path from 'node:path';

export interface Demo {
  /** The argument of `interleave demo NAME` (and the file name without `.ts`, unless `file`). */
  name: string;
  /** The file in demos/ when it is not NAME.ts (the plain worker_threads demos are .js). */
  file?: string;
  /** Short title for pickers and the walkthrough. */
  title: string;
  /** The lesson in one line. */
  lesson: string;
}

export const DEMOS: readonly Demo[] = [
  { name: 'processes', title: 'Processes on every core', lesson: 'Process, start() and join(): square numbers on cpuCount() workers, one lane each.' },
  { name: 'race', title: 'The lost-update race', lesson: 'Two workers increment a shared Value without a lock: read-modify-write interleaves and updates are lost.' },
  { name: 'race-locked', title: 'The Lock that fixes it', lesson: 'The same counter behind a Lock: every increment arrives, at the cost of waiting.' },
  { name: 'array', title: 'Shared Array', lesson: 'A shared Array written by several workers, with and without its lock.' },
  { name: 'queue', title: 'Queue ordering', lesson: 'Two producers, one consumer: each producer\u2019s items stay in FIFO order, interleaved with the other\u2019s.' },
  { name: 'pool', title: 'Pool.map(cube)', lesson: 'Pool.map splits the items into chunks over the workers and returns the results in order.' },
  { name: 'deadlock', title: 'Deadlock', lesson: 'Two workers take two locks in opposite order: a wait-for cycle, detected and reported live.' },
  { name: 'dying-worker', title: 'A worker that dies', lesson: 'A worker throws: its error and exit code are reported, never lost silently.' },
  { name: 'plain-race', file: 'plain-racing-counter.js', title: 'The racing counter (plain worker_threads)', lesson: 'Two Workers add 1 to a SharedArrayBuffer slot without Atomics: the race is found and each lost increment counted.' },
  { name: 'plain-atomics', file: 'plain-atomics.js', title: 'Atomics.add fixes it (plain worker_threads)', lesson: 'The same counter with Atomics.add: every increment arrives, and no race.' },
  { name: 'plain-messages', file: 'plain-messages.js', title: 'Messages from two workers (plain worker_threads)', lesson: 'Each Worker\u2019s postMessage arrives in order; how the two interleave changes from run to run.' },
  { name: 'plain-handoff', file: 'plain-handoff.js', title: 'A handoff with Atomics.wait/notify (plain worker_threads)', lesson: 'Main and a Worker take turns through one flag: waits, wake arrows, and no race.' },
];

export function findDemo(name: string): Demo | undefined {
  return DEMOS.find((d) => d.name === name);
}

/** The demo's source file inside the installed extension. */
export function demoPath(extensionRoot: string, demo: Demo): string {
  return path.join(extensionRoot, 'demos', demo.file ?? `${demo.name}.ts`);
}
