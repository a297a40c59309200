/**
 * Shrinking a failing schedule to the fewest preemptions that still fail (as Lincheck and
 * fast-check shrink), so that the schedule shown tells the shortest story of the bug.
 *
 * Candidates, each tried by a guided run (guided.ts: follow the choices, then run without
 * preemptions): first the failing run's choices cut right after each of its preemptions, earliest
 * first (the rest of the run without preemptions); then, for each preemption left, the same
 * choices with that one preemption taken back (the thread that could go on goes on). A candidate
 * that still fails with fewer preemptions becomes the new best, and the search starts over from
 * it, until no candidate helps or the budget of runs is spent.
 */
import { countPreemptions, type Decision } from './scheduler';

export interface ShrinkTrial {
  /** The run's choice points, and whether its findings still match. */
  decisions: Decision[];
  fails: boolean;
}

export type TryChoices = (choices: number[]) => Promise<ShrinkTrial>;

export async function shrinkSchedule(failing: Decision[], tryChoices: TryChoices, budget: number): Promise<{ decisions: Decision[]; runs: number; improved: boolean }> {
  let best = failing;
  let runs = 0;
  let improved = false;
  outer: while (runs < budget) {
    const bestCount = countPreemptions(best);
    if (bestCount === 0) break;
    for (const choices of candidates(best)) {
      if (runs >= budget) break outer;
      runs++;
      const trial = await tryChoices(choices);
      if (trial.fails && countPreemptions(trial.decisions) < bestCount) {
        best = trial.decisions;
        improved = true;
        continue outer;
      }
    }
    break;
  }
  return { decisions: best, runs, improved };
}

function* candidates(best: Decision[]): Generator<number[]> {
  const chosen = best.map((d) => d.chosen);
  const preemptions: number[] = [];
  best.forEach((d, i) => { if (d.chosen !== d.current && d.enabled.includes(d.current)) preemptions.push(i); });
  for (const at of preemptions) yield chosen.slice(0, at + 1);
  for (const at of preemptions) {
    const without = chosen.slice();
    without[at] = best[at]!.current;
    yield without;
  }
}
