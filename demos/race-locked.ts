/**
 * Lesson: a Lock fixes the race.
 *
 * The same two workers and 100 increments each, but every read-modify-write happens while holding
 * a Lock: the counter ends exact, and the timeline shows the workers taking turns.
 */
import { Lock, Process, Value, sleep } from 'interleave';

export function add100(counter: Value<'i'>, lock: Lock): void {
  for (let i = 0; i < 100; i++) {
    sleep(0.05);
    lock.withLock(() => {
      counter.value += 1;
    });
  }
}

export function main(): void {
  const counter = new Value('i', 0, { name: 'counter' });
  const lock = new Lock({ name: 'counter-lock' });
  const workers = [
    new Process({ target: add100, args: [counter, lock] }),
    new Process({ target: add100, args: [counter, lock] }),
  ];
  for (const p of workers) p.start();
  for (const p of workers) p.join();
  console.log('Value at end:', counter.value, '(expected 200)');
}
