/**
 * Helpers for the plain-program tests: run a fixture under plain `node` (to compare with the CLI),
 * cut the program's own output from the CLI's summary, and find a fixture's line by its text.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT, fixturePath, type FixtureRun } from '../run-fixture';

export interface NodeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node FIXTURE`, as a user would run the program without Interleave. */
export function runWithNode(name: string, timeoutMs = 20_000): NodeRun {
  const out = spawnSync(process.execPath, [fixturePath(name)], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** The program's own stdout in a CLI run: everything before the runner's summary. */
export function programOutput(run: FixtureRun<unknown>): string {
  const at = run.stdout.indexOf('\n── interleave:');
  const own = at < 0 ? run.stdout : run.stdout.slice(0, at);
  // The summary starts on a line of its own: the newline before it is the runner's.
  return own.endsWith('\n') || own === '' ? own : `${own}\n`;
}

/** The 1-based line of the first line of a fixture that contains `text`. */
export function lineOf(name: string, text: string): number {
  const lines = readFileSync(fixturePath(name), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${name} has no line with ${text}`);
  return index + 1;
}
