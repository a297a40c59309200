/**
 * What a scheduling strategy sees and decides. The scheduler (scheduler.ts) asks a strategy only
 * at choice points, where more than one thread can move; it tells it of every point, so that
 * strategies that count steps (PCT) or keep priorities (POS) can.
 */

/** A parked thread that can move now: its pid and the operation it is about to do (PointOp). */
export interface Candidate {
  pid: number;
  op: number;
  obj: number;
  /** String id of the user's call about to run (step mode only), or -1. */
  loc: number;
}

/** What pick() answers when the decision is not taken yet (step mode: the user has not chosen).
 *  The scheduler then lets no thread go and asks again once wake() rings its doorbell. */
export const UNDECIDED = -1;

export interface Strategy {
  /** Picks the pid to let go among `enabled` (two or more, sorted by pid). `current` is the thread
   *  that moved last (-1 at the start); `step` counts the run's choice points so far (0 for the first).
   *  UNDECIDED: not yet; pick is asked again at the same step (and must not count it twice). */
  pick(enabled: readonly Candidate[], current: number, step: number): number;
  /** After every point, choice or not: `chosen` moves now. */
  moved?(chosen: Candidate, enabled: readonly Candidate[]): void;
}

/** The thread that moved last, when it can move again; else the lowest pid: a run without preemptions. */
export function nonPreemptive(enabled: readonly Candidate[], current: number): number {
  return enabled.some((c) => c.pid === current) ? current : enabled[0]!.pid;
}
