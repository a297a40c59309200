/**
 * The version word of a shared location (a Value, or one element of an Array): a seqlock that
 * lets a read say exactly which write it saw, and a write say how many writes came before it —
 * what analysis needs to count lost updates exactly ("200 increments, 187 arrived: 13 lost").
 *
 * The word is 2 × (writes so far), plus 1 while a write is storing its value. Writers take the
 * odd state with a compare-and-swap for the one store only, so `v.value += 1` stays a separate
 * read and write, and updates are lost exactly as they would be without Interleave. Readers retry
 * while a write is in flight or when the word moved under them.
 */

/** A writer that died between its two steps (terminate()) leaves the word odd; after this many
 * spins the next writer takes over instead of waiting forever. */
const SPIN_LIMIT = 1 << 16;

/** Waits out a write in flight; returns the even word to read under. */
export function stableVersion(words: Int32Array, index: number): number {
  let v = Atomics.load(words, index);
  for (let spins = 0; (v & 1) !== 0 && spins < SPIN_LIMIT; spins++) v = Atomics.load(words, index);
  return v & ~1;
}

/** Whether the word still is `v`: the value read under it is the one written by write v / 2. */
export function stillVersion(words: Int32Array, index: number, v: number): boolean {
  return Atomics.load(words, index) === v;
}

/** Starts a write; returns how many writes came before it. Pair with endWrite. */
export function beginWrite(words: Int32Array, index: number): number {
  for (let spins = 0; ; spins++) {
    const v = Atomics.load(words, index);
    if ((v & 1) === 0 || spins >= SPIN_LIMIT) {
      const even = v & ~1;
      if (Atomics.compareExchange(words, index, v, even + 1) === v) return even >> 1;
    }
  }
}

export function endWrite(words: Int32Array, index: number, writesBefore: number): void {
  Atomics.store(words, index, (writesBefore + 1) * 2);
}
