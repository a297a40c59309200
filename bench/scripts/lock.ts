/**
 * Uncontended Lock acquire+release against a raw Atomics compare-and-swap lock, in one worker,
 * same run, medians of rounds. Default settings (sampled source locations).
 *
 * A round is 20 000 acquire+release pairs (40 000 events, within one ring), then a pause that
 * lets the supervisor drain: this measures what an operation costs the thread that does it.
 * Sustained event throughput is the drain benchmark's business.
 */
import { Lock, sleep } from 'interleave';

const N = 20_000;
const ROUNDS = 31;

function rawLockRound(word: Int32Array): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    while (Atomics.compareExchange(word, 0, 0, 1) !== 0) { /* spin: never taken, uncontended */ }
    Atomics.store(word, 0, 0);
  }
  return ((performance.now() - t0) * 1e6) / N;
}

function lockRound(lock: Lock): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    lock.acquire();
    lock.release();
  }
  return ((performance.now() - t0) * 1e6) / N;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

export function main(): void {
  const word = new Int32Array(new SharedArrayBuffer(4));
  const lock = new Lock({ name: 'bench-lock' });
  const raw: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(rawLockRound(word));
    ours.push(lockRound(lock));
    sleep(30);
  }
  console.log(`BENCH ${JSON.stringify({ raw_ns: median(raw), lock_ns: median(ours) })}`);
}
