/**
 * `pct`: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS
 * 2010). Each thread gets a distinct random priority when first seen, all above d; the highest-
 * priority thread that can move always moves; at d − 1 change points, drawn uniformly among the
 * run's k steps (here: its choice points, where more than one thread can move), the thread that moves has its priority lowered below every initial one (to d − i
 * at the i-th). A bug of depth d then shows with probability at least 1/(n·k^(d−1)) per run.
 *
 * k is not known before a run: it is the most choice points any earlier run of the exploration took
 * (`stepsHint`), or a guess for the first.
 */
import { Prng } from './prng';
import type { Candidate, Strategy } from './strategy';

export const FIRST_STEPS_GUESS = 64;

export class PctStrategy implements Strategy {
  private readonly prng: Prng;
  private readonly priorities = new Map<number, number>();
  /** Change points (steps), and the priority each gives. */
  private readonly changes = new Map<number, number>();

  constructor(seed: number, private readonly depth: number, stepsHint: number) {
    this.prng = new Prng(seed);
    const k = Math.max(1, stepsHint);
    for (let i = 1; i < depth; i++) {
      // Distinct steps; a repeat is drawn again (k is far larger than d in practice).
      let step = 1 + this.prng.below(k);
      for (let tries = 0; this.changes.has(step) && tries < 16; tries++) step = 1 + this.prng.below(k);
      this.changes.set(step, depth - i);
    }
  }

  pick(enabled: readonly Candidate[], _current: number, step: number): number {
    for (const c of enabled) this.priorityOf(c.pid);
    let best = enabled[0]!.pid;
    for (const c of enabled) if (this.priorityOf(c.pid) > this.priorityOf(best)) best = c.pid;
    const lowered = this.changes.get(step);
    if (lowered !== undefined) {
      this.priorities.set(best, lowered);
      // Lowered now: the highest other thread moves at this very step.
      for (const c of enabled) if (this.priorityOf(c.pid) > this.priorityOf(best)) best = c.pid;
    }
    return best;
  }

  private priorityOf(pid: number): number {
    let p = this.priorities.get(pid);
    if (p === undefined) {
      // Random and distinct, above every change point's priority (those are 1 .. d-1).
      p = this.depth + this.prng.next() * 1e6;
      this.priorities.set(pid, p);
    }
    return p;
  }
}
