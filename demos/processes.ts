/**
 * Lesson: create and run processes.
 *
 * One Process per CPU (cpuCount(), Python's os.cpu_count()), each squaring numbers; start() them
 * all, then join() them all. The core lanes show which CPU each worker ran on.
 */
import { Process, cpuCount } from 'interleave';

export function squareNumbers(): void {
  let result = 0;
  for (let i = 0; i < 2_000_000; i++) result = i * i;
  void result;
}

export function main(): void {
  const processes: Process[] = [];
  for (let i = 0; i < cpuCount(); i++) processes.push(new Process({ target: squareNumbers }));
  for (const p of processes) p.start();
  for (const p of processes) p.join();
  console.log(`${processes.length} processes done`);
}
