/**
 * A failing schedule is shrunk before it is shown: the lost update of the unlocked counter needs a
 * single preemption (one worker preempted between its read and its write while the other runs to
 * its end), and that is what explore reports, whatever the random run that found it looked like.
 */
import { strict as assert } from 'node:assert';
import { explore, scheduleOf, scratchFile } from './explore-cli';

describe('interleave explore shrinks the failing schedule', function () {
  this.timeout(300_000);
  for (const seed of [1, 3]) {
    it(`to one preemption for the unlocked counter's lost update (seed ${seed}), and it still fails`, async () => {
      const out = scratchFile(`shrunk-${seed}.itrace`);
      const run = await explore('sched-counter-unlocked', ['--until', 'lost-update', '--runs', '100', '--seed', String(seed), '--out', out]);
      assert.equal(run.status, 3, run.stdout + run.stderr);
      assert.equal(scheduleOf(out).preemptions, 1, run.stdout);
      assert.equal(scheduleOf(out).schedule, run.json.schedule);
      assert.ok(run.json.findings.some((f) => f.kind === 'lost-update'));
    });
  }
});
