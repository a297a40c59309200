/**
 * The version word of a shared location (a Value, or one element of an Array): a seqlock that
 * lets a read say exactly which write it saw, and a write say how many writes came before it —
 * what analysis needs to count lost updates exactly ("200 increments, 187 arrived: 13 lost").
 *
 * The word is 2 × (writes so far), plus 1 while a write is storing its value. Writers take the
 * odd state with a compare-and-swap for the one store only, so `v.value += 1` stays a separate
 * read and write, and updates are lost exactly as they would be without Interleave. Readers retry
 * while a write is in flight or when the word moved under them.
 *
 * Time stamps: a write reads the clock while it holds the odd state, a read after it read the
 * value and before it checks the word again. So every access to a location is stamped between the
 * write it saw (or replaced) and the next one: time order is the location's memory order, which
 * analysis relies on (a write stamped after its location capture, outside the write, once looked
 * older than the next write and shifted the lost-update count by one).
 */

/** Spins on a write in flight before sleeping: a live write takes nanoseconds. */
const SPINS = 1 << 10;
/**
 * A write still in flight after this long is taken to be dead (its worker was terminated between
 * its two steps) and the next writer takes its place. Far longer than a live writer can be held
 * up (preempted mid-write); taking over a live one would let two writes overlap and take one
 * version. It was 100 ms: two plain Workers racing on one counter, on two cores shared with a
 * load of 40, once counted 320 read-modify-writes fewer than they made, as such a takeover would;
 * a thread descheduled that long is plausible there, a full second much less so.
 */
const DEAD_WRITER_MS = 1000;

/** Sleeps (1 ms slices) while the word stays `odd`; false when it stayed so for DEAD_WRITER_MS. */
function waitOutWrite(words: Int32Array, index: number, odd: number): boolean {
  const deadline = Date.now() + DEAD_WRITER_MS;
  do {
    Atomics.wait(words, index, odd, 1);
    if (Atomics.load(words, index) !== odd) return true;
  } while (Date.now() < deadline);
  return false;
}

/**
 * Waits out a write in flight; returns the word to read under: even, or the odd word a dead
 * writer left (its write never completed, so the value read is that of the write before it).
 */
export function stableVersion(words: Int32Array, index: number): number {
  let v = Atomics.load(words, index);
  for (let spins = 0; (v & 1) !== 0; spins++) {
    if (spins >= SPINS) {
      if (!waitOutWrite(words, index, v)) return v;
      spins = 0;
    }
    v = Atomics.load(words, index);
  }
  return v;
}

/** Whether the word still is `v`: the value read under it is the one written by write v >> 1. */
export function stillVersion(words: Int32Array, index: number, v: number): boolean {
  return Atomics.load(words, index) === v;
}

/** Starts a write; returns how many writes came before it. Pair with endWrite. */
export function beginWrite(words: Int32Array, index: number): number {
  for (let spins = 0; ; spins++) {
    const v = Atomics.load(words, index);
    if ((v & 1) === 0) {
      if (Atomics.compareExchange(words, index, v, v + 1) === v) return v >> 1;
      continue;
    }
    if (spins < SPINS) continue;
    spins = 0;
    // A dead writer's odd state becomes this write's own: it counts as the write it never finished.
    if (!waitOutWrite(words, index, v)) return v >> 1;
  }
}

export function endWrite(words: Int32Array, index: number, writesBefore: number): void {
  Atomics.store(words, index, (writesBefore + 1) * 2);
}

/** Ends a write that stored nothing (a compareExchange that did not swap): the count stays. */
export function abortWrite(words: Int32Array, index: number, writesBefore: number): void {
  Atomics.store(words, index, writesBefore * 2);
}
