/**
 * `pos`: partial-order sampling (Yuan, Yang, Gu, CAV 2018). Every pending operation carries a
 * random priority; the highest moves. After an operation moves, the operations that race with it
 * (same object, at least one of them a write, or both synchronisation on it) get fresh priorities,
 * and so does the next operation of the thread that moved. Compared with a random walk, this
 * samples the distinct orders of conflicting operations far more evenly.
 */
import { PointOp } from '../../shared/sched-table';
import { Prng } from './prng';
import type { Candidate, Strategy } from './strategy';

export class PosStrategy implements Strategy {
  private readonly prng: Prng;
  /** The priority of each thread's pending operation. */
  private readonly priorities = new Map<number, number>();

  constructor(seed: number) {
    this.prng = new Prng(seed);
  }

  pick(enabled: readonly Candidate[]): number {
    let best = enabled[0]!;
    for (const c of enabled) if (this.priorityOf(c.pid) > this.priorityOf(best.pid)) best = c;
    return best.pid;
  }

  moved(chosen: Candidate, enabled: readonly Candidate[]): void {
    this.priorities.delete(chosen.pid);
    for (const c of enabled) if (c.pid !== chosen.pid && conflicts(c, chosen)) this.priorities.delete(c.pid);
  }

  private priorityOf(pid: number): number {
    let p = this.priorities.get(pid);
    if (p === undefined) {
      p = this.prng.next();
      this.priorities.set(pid, p);
    }
    return p;
  }
}

function conflicts(a: Candidate, b: Candidate): boolean {
  if (a.obj < 0 || a.obj !== b.obj) return false;
  return a.op === PointOp.WRITE || b.op === PointOp.WRITE || (a.op !== PointOp.READ && b.op !== PointOp.READ);
}
