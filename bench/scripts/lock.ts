/**
 * Uncontended Lock acquire+release against a raw Atomics compare-and-swap lock, in one worker,
 * same run, medians of rounds. Default settings (sampled source locations).
 *
 * A round is 20 000 acquire+release pairs (40 000 events, within one ring), then a pause that
 * lets the supervisor drain: this measures what an operation costs the thread that does it.
 * Sustained event throughput is the drain benchmark's business.
 *
 * Also measured, for context: the raw lock plus the two clock reads every traced acquire+release
 * needs (both events carry an exact time), which no instrumentation can go below, and our lock
 * against that floor.
 */
import { Lock, sleep } from 'interleave';

const N = 20_000;
const ROUNDS = 31;

/**
 * Node's own Atomics. Since plain programs are traced, the runner rewrites every `Atomics` written
 * in a user's file into the recording Atomics (runner/instrument.ts), which would make the raw
 * lock a traced one; a lookup by string key is left alone, so the baseline stays Node's.
 */
const nodeAtomics = Reflect.get(globalThis, 'Atomics') as typeof Atomics;

function rawLockRound(word: Int32Array): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    while (nodeAtomics.compareExchange(word, 0, 0, 1) !== 0) { /* spin: never taken, uncontended */ }
    nodeAtomics.store(word, 0, 0);
  }
  return ((performance.now() - t0) * 1e6) / N;
}

const stamps = new Float64Array(2);
const hrtime = process.hrtime;

/** One reading of the clock the recorder reads (src/runtime/clock.ts). */
function clockMs(): number {
  const t = hrtime();
  return t[0] * 1e3 + t[1] * 1e-6;
}

function rawLockWithClockRound(word: Int32Array): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    while (nodeAtomics.compareExchange(word, 0, 0, 1) !== 0) { /* spin: never taken, uncontended */ }
    stamps[0] = clockMs();
    stamps[1] = clockMs();
    nodeAtomics.store(word, 0, 0);
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
  const floor: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order (ABC, CBA): whichever loop runs first after the pause runs faster here.
    if (round % 2 === 0) {
      raw.push(rawLockRound(word));
      floor.push(rawLockWithClockRound(word));
      ours.push(lockRound(lock));
    } else {
      ours.push(lockRound(lock));
      floor.push(rawLockWithClockRound(word));
      raw.push(rawLockRound(word));
    }
    sleep(30);
  }
  // Ratios per round, then their median: the three loops of a round run within milliseconds of
  // each other, while this machine's speed for atomics shifts between ~15 and ~30 ns every few
  // hundred milliseconds; a ratio of medians could divide numbers taken in different states.
  const perRound = (values: number[]): number => median(values.map((v, i) => v / raw[i]!));
  console.log(`BENCH ${JSON.stringify({
    raw_ns: median(raw), raw_with_clock_ns: median(floor), lock_ns: median(ours),
    lock_over_raw: perRound(ours), raw_with_clock_over_raw: perRound(floor),
    lock_over_floor: median(ours.map((v, i) => v / floor[i]!)),
  })}`);
}
