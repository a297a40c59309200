/**
 * Vector clocks as flat Int32Arrays. A thread's clock is a row of one T×T matrix (row t holds
 * what thread t knows of every thread's progress); a synchronisation object's clock is a
 * standalone Int32Array of length T. Clock values count a thread's release-like operations, so
 * they stay far below 2^31.
 */

/** into[i] = max(into[i], from[fromAt + i]) for i < n. */
export function joinInto(into: Int32Array, intoAt: number, from: Int32Array, fromAt: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = from[fromAt + i];
    if (v > into[intoAt + i]) into[intoAt + i] = v;
  }
}

/** A copy of from[at, at + n). */
export function copyClock(from: Int32Array, at: number, n: number): Int32Array {
  return from.slice(at, at + n);
}
