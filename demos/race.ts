/**
 * Lesson: the lost-update race.
 *
 * Two workers each add 1 to a shared Value 100 times. `counter.value += 1` is a read, then a
 * write: when both workers read the same value before either writes, one increment is lost.
 * (The tutorial's version printed "Value at end: 0" because its children died unseen; here they
 * run, and Interleave shows exactly which updates were lost, and where.)
 */
import { Process, Value, sleep } from 'interleave';

export function add100(counter: Value<'i'>): void {
  for (let i = 0; i < 100; i++) {
    sleep(0.5); // some other work
    const seen = counter.value; // read ...
    sleep(0.01); // ... a moment in which the other worker may read the same value ...
    counter.value = seen + 1; // ... write back: when it did, one of the two updates is lost
  }
}

export function main(): void {
  const counter = new Value('i', 0, { name: 'counter' });
  console.log('Value at beginning:', counter.value);
  const workers = [
    new Process({ target: add100, args: [counter] }),
    new Process({ target: add100, args: [counter] }),
  ];
  for (const p of workers) p.start();
  for (const p of workers) p.join();
  console.log('Value at end:', counter.value, '(expected 200)');
}
