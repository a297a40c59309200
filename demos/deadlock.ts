/**
 * Lesson: a deadlock.
 *
 * Worker 1 takes lock A then B; worker 2 takes B then A. Each ends up holding one lock and
 * waiting for the other forever. Interleave sees the cycle, stops the run and names both locks
 * and both workers.
 *
 * (The Barrier only makes the unlucky timing certain: both workers hold their first lock before
 * either asks for its second. Without it the deadlock happens only sometimes — which is what
 * makes real deadlocks so hard to find.)
 */
import { Barrier, Lock, Process } from 'interleave';

export function takeInOrder(first: Lock, second: Lock, bothHoldOne: Barrier): void {
  first.acquire();
  bothHoldOne.wait();
  second.acquire();
  second.release();
  first.release();
}

export function main(): void {
  const a = new Lock({ name: 'lock-A' });
  const b = new Lock({ name: 'lock-B' });
  const bothHoldOne = new Barrier(2, { name: 'both-hold-one' });
  const p1 = new Process({ target: takeInOrder, args: [a, b, bothHoldOne], name: 'worker-AB' });
  const p2 = new Process({ target: takeInOrder, args: [b, a, bothHoldOne], name: 'worker-BA' });
  p1.start();
  p2.start();
  p1.join();
  p2.join();
}
