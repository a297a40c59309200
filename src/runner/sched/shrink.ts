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
 *
 * Those candidates name choice points by their index, and taking one preemption back moves every
 * later index: the greedy pass can stall above the true minimum. So, while more than one preemption
 * is left, a bounded search follows (iterative context bounding, as CHESS does): the run without
 * preemptions, then each run that leaves it at one choice point for another thread and then goes on
 * without preemptions, earliest point first. Any of those that fails has at most one preemption.
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
  if (countPreemptions(best) > 1 && runs < budget) {
    const base = await tryChoices([]);
    runs++;
    if (base.fails && countPreemptions(base.decisions) < countPreemptions(best)) return { decisions: base.decisions, runs, improved: true };
    const chosen = base.decisions.map((d) => d.chosen);
    for (let at = 0; at < base.decisions.length && runs < budget; at++) {
      for (const other of base.decisions[at]!.enabled) {
        if (other === chosen[at] || runs >= budget) continue;
        runs++;
        const trial = await tryChoices([...chosen.slice(0, at), other]);
        if (trial.fails && countPreemptions(trial.decisions) < countPreemptions(best)) return { decisions: trial.decisions, runs, improved: true };
      }
    }
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
