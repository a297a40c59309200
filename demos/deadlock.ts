/**
 * Lesson: a deadlock.
 *
 * Worker 1 takes lock A then B; worker 2 takes B then A. Each ends up holding one lock and
 * waiting for the other forever. Interleave sees the cycle, stops the run and names both locks
 * and both workers.
 */
import { Lock, Process, sleep } from 'interleave';

export function takeInOrder(first: Lock, second: Lock): void {
  first.acquire();
  sleep(50); // long enough for the other worker to take its first lock
  second.acquire();
  second.release();
  first.release();
}

export function main(): void {
  const a = new Lock({ name: 'lock-A' });
  const b = new Lock({ name: 'lock-B' });
  const p1 = new Process({ target: takeInOrder, args: [a, b], name: 'worker-AB' });
  const p2 = new Process({ target: takeInOrder, args: [b, a], name: 'worker-BA' });
  p1.start();
  p2.start();
  p1.join();
  p2.join();
}
