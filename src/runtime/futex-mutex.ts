/**
 * A short-section mutex in one word of shared memory (Drepper, "Futexes Are Tricky", mutex 2):
 * 0 free, 1 held, 2 held with possible sleepers. For the runtime's own bookkeeping only (a
 * channel's indices, a bounded semaphore's release): it is not traced and never held across user
 * code, so its waits are short and need no stop check.
 *
 * Every section it guards is also a termination-safe section (guarded-section.ts): a thread is
 * never terminated while it holds one of these mutexes or waits for one.
 */
import { enterGuarded, leaveGuarded } from './guarded-section';

export function lockMutex(words: Int32Array, index: number): void {
  enterGuarded();
  let c = Atomics.compareExchange(words, index, 0, 1);
  if (c === 0) return;
  if (c !== 2) c = Atomics.exchange(words, index, 2);
  while (c !== 0) {
    Atomics.wait(words, index, 2, 50);
    c = Atomics.exchange(words, index, 2);
  }
}

export function unlockMutex(words: Int32Array, index: number): void {
  if (Atomics.sub(words, index, 1) !== 1) {
    Atomics.store(words, index, 0);
    Atomics.notify(words, index, 1);
  }
  leaveGuarded();
}
