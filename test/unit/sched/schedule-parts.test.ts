/** The scheduler's pure parts in plain Node: the schedule line, strategies' choices, shrinking. */
import { strict as assert } from 'node:assert';
import { decodeSchedule, encodeSchedule } from '../../../src/runner/sched/schedule-string';
import { GuidedStrategy } from '../../../src/runner/sched/guided';
import { PctStrategy } from '../../../src/runner/sched/pct';
import { RandomStrategy } from '../../../src/runner/sched/random';
import { countPreemptions, type Decision } from '../../../src/runner/sched/scheduler';
import { shrinkSchedule } from '../../../src/runner/sched/shrink';
import type { Candidate } from '../../../src/runner/sched/strategy';

const at = (...pids: number[]): Candidate[] => pids.map((pid) => ({ pid, op: 2, obj: 1, loc: -1 }));

describe('encodeSchedule(choices) / decodeSchedule(text)', () => {
  it('round-trips, run-length encoding repeats into one line', () => {
    const choices = [0, 0, 1, 2, 2, 2, 1];
    assert.equal(encodeSchedule(choices), 'is1:0*2.1.2*3.1');
    assert.deepEqual(decodeSchedule(encodeSchedule(choices)), choices);
    assert.deepEqual(decodeSchedule('is1:'), []);
  });

  it('refuses text that is not a schedule, naming the bad part', () => {
    assert.throws(() => decodeSchedule('0.1'), /should start with 'is1:'/);
    assert.throws(() => decodeSchedule('is1:0.x'), /'x'/);
  });
});

describe('RandomStrategy(seed).pick', () => {
  it('makes the same choices for the same seed and different ones for others', () => {
    const walk = (seed: number): number[] => {
      const s = new RandomStrategy(seed);
      return Array.from({ length: 32 }, () => s.pick(at(0, 1, 2)));
    };
    assert.deepEqual(walk(7), walk(7));
    assert.notDeepEqual(walk(7), walk(8));
  });
});

describe('PctStrategy(seed, depth 1).pick', () => {
  it('always lets the highest-priority thread move: with no change points, one thread runs while it can', () => {
    const s = new PctStrategy(3, 1, 10);
    const first = s.pick(at(0, 1), -1, 0);
    for (let i = 1; i < 20; i++) assert.equal(s.pick(at(0, 1), first, i), first);
  });
});

describe('GuidedStrategy(choices).pick', () => {
  it('follows the list, then goes on without preemptions, and says when it had to leave the list', () => {
    const g = new GuidedStrategy([1, 2]);
    assert.equal(g.pick(at(1, 2), -1, 0), 1);
    assert.equal(g.pick(at(1, 2), 1, 1), 2);
    assert.equal(g.pick(at(1, 2), 2, 2), 2);
    assert.equal(g.diverged, false);
    const h = new GuidedStrategy([5]);
    assert.equal(h.pick(at(1, 2), 2, 0), 2);
    assert.equal(h.diverged, true);
  });
});

describe('countPreemptions(decisions)', () => {
  it('counts only choices that stopped a thread which could have gone on', () => {
    const d: Decision[] = [
      { chosen: 1, enabled: [1, 2], current: 1 },
      { chosen: 2, enabled: [1, 2], current: 1 }, // preemption
      { chosen: 1, enabled: [1], current: 2 },
      { chosen: 2, enabled: [0, 2], current: 1 }, // 1 could not go on: a switch, not a preemption
    ];
    assert.equal(countPreemptions(d), 1);
  });
});

describe('shrinkSchedule(failing, tryChoices, budget)', () => {
  it('reaches a failing run with fewer preemptions and spends no more runs than its budget', async () => {
    // A bug that needs thread 2 to move at choice 3: every run that does so fails.
    const failing: Decision[] = [0, 1, 2, 3, 4, 5].map((i) => ({ chosen: i % 2 === 0 ? 2 : 1, enabled: [1, 2], current: i % 2 === 0 ? 1 : 2 }));
    let runs = 0;
    const result = await shrinkSchedule(failing, async (choices) => {
      runs++;
      const decisions: Decision[] = [];
      let current = 1;
      for (let i = 0; i < 6; i++) {
        const chosen = choices[i] ?? current;
        decisions.push({ chosen, enabled: [1, 2], current });
        current = chosen;
      }
      return { decisions, fails: decisions[3]!.chosen === 2 };
    }, 10);
    assert.ok(countPreemptions(result.decisions) < countPreemptions(failing));
    assert.ok(countPreemptions(result.decisions) <= 1, JSON.stringify(result.decisions));
    assert.ok(runs <= 10);
  });
});
