/**
 * Replay and shrinking: follow a list of choices, one per choice point. Where the listed thread
 * cannot move (the run went another way, which a faithful replay never does), or once the list is
 * used up, the run goes on without preemptions: the thread that moved last moves again while it
 * can. `diverged` says whether the list was ever left before its end.
 */
import { nonPreemptive, type Candidate, type Strategy } from './strategy';

export class GuidedStrategy implements Strategy {
  diverged = false;

  constructor(readonly choices: readonly number[]) {}

  pick(enabled: readonly Candidate[], current: number, step: number): number {
    const listed = this.choices[step];
    if (listed !== undefined) {
      if (enabled.some((c) => c.pid === listed)) return listed;
      this.diverged = true;
    }
    return nonPreemptive(enabled, current);
  }
}
