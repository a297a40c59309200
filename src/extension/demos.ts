/**
 * The built-in demos, one per lesson of the seed tutorial, in the tutorial's order. The runner
 * runs them like any script (`demos/NAME.ts` inside the extension); this list only names them and
 * says in one line what each one shows. No vscode import: unit-tested in plain Node.
 */
import * as path from 'node:path';

export interface Demo {
  /** File name without `.ts`, and the argument of `interleave demo NAME`. */
  name: string;
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
];

export function findDemo(name: string): Demo | undefined {
  return DEMOS.find((d) => d.name === name);
}

/** The demo's source file inside the installed extension. */
export function demoPath(extensionRoot: string, demo: Demo): string {
  return path.join(extensionRoot, 'demos', `${demo.name}.ts`);
}
