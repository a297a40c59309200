/**
 * `interleave demo [NAME]`: the seed tutorial's lessons as runnable scripts (demos/*.ts).
 * Without a NAME it lists them; with one it runs it like `interleave run`, and also writes the
 * standalone HTML timeline next to the trace (as `run` does).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMOS, findDemo } from '../shared/demos';
import { runCliDetailed, type RunFlags } from './run-cli';
import { UsageError } from './run-command';

export function demosDir(): string {
  // dist/cli.js → ../demos (the same in the repo and in the installed extension).
  return join(__dirname, '..', 'demos');
}

export async function demoCommand(name: string | undefined, flags: RunFlags): Promise<number> {
  if (name === undefined) {
    process.stdout.write('Interleave demos (the lessons of the multiprocessing tutorial):\n');
    for (const demo of DEMOS) process.stdout.write(`  ${demo.name.padEnd(12)} ${demo.lesson}\n`);
    process.stdout.write('\nrun one with: interleave demo NAME\n');
    return 0;
  }
  const demo = findDemo(name);
  if (!demo) throw new UsageError(`no demo named '${name}' (try: ${DEMOS.map((d) => d.name).join(', ')})`);
  const script = join(demosDir(), demo.file);
  if (!existsSync(script)) throw new Error(`the demo file is missing: ${script}`);
  process.stdout.write(`▶ ${demo.title}: ${demo.lesson}\n\n`);
  // `run` writes the HTML timeline next to the trace (and prints where).
  return (await runCliDetailed(script, { timeout: '60000', ...flags })).status;
}
