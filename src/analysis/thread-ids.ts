/**
 * Dense thread numbers. Events name threads by process id; the analysis keeps per-thread state in
 * flat typed arrays (vector clocks are rows of a T×T matrix), so it numbers the threads it meets
 * 0..T-1. Small pids (the usual case) map through an array, others through a Map.
 */
const SMALL = 1 << 16;

export class ThreadIds {
  private readonly small = new Int32Array(SMALL).fill(-1);
  private readonly large = new Map<number, number>();
  /** pid of each dense thread number. */
  readonly pids: number[] = [];

  get count(): number {
    return this.pids.length;
  }

  /** The dense number of `pid`, assigning the next one when it is new. */
  add(pid: number): number {
    const known = this.dense(pid);
    if (known >= 0) return known;
    const d = this.pids.length;
    this.pids.push(pid);
    if (pid >= 0 && pid < SMALL && (pid | 0) === pid) this.small[pid] = d;
    else this.large.set(pid, d);
    return d;
  }

  /** The dense number of `pid`, or -1. */
  dense(pid: number): number {
    if (pid >= 0 && pid < SMALL && (pid | 0) === pid) return this.small[pid];
    return this.large.get(pid) ?? -1;
  }
}
