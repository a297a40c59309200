/**
 * Lesson: a shared Array, without and with a lock.
 *
 * Two workers add 1 to every element of a shared Array 100 times. The first pair works without a
 * lock and loses updates; the second pair holds the Array's own lock (getLock()) and ends exact.
 */
import { Array as SharedArray, Process, sleep } from 'interleave';

export function add100Unlocked(numbers: SharedArray<'d'>): void {
  for (let n = 0; n < 100; n++) {
    sleep(0.02);
    for (let i = 0; i < numbers.length; i++) numbers[i] += 1;
  }
}

export function add100Locked(numbers: SharedArray<'d'>): void {
  for (let n = 0; n < 100; n++) {
    sleep(0.02);
    numbers.getLock().withLock(() => {
      for (let i = 0; i < numbers.length; i++) numbers[i] += 1;
    });
  }
}

function runPair(target: (numbers: SharedArray<'d'>) => void, name: string): void {
  const numbers = new SharedArray('d', [0, 100, 200], { name });
  const pair = [new Process({ target, args: [numbers] }), new Process({ target, args: [numbers] })];
  for (const p of pair) p.start();
  for (const p of pair) p.join();
  console.log(`${name} at end:`, numbers.toArray(), '(expected [200, 300, 400])');
}

export function main(): void {
  runPair(add100Unlocked, 'unlocked');
  runPair(add100Locked, 'locked');
}
