/**
 * Through the real runtime: the lost-update finding's count equals the shortfall of the final
 * value. It depends on every access to a location being stamped in the location's memory order
 * (value.ts): a write stamped after its location capture once let the next write look earlier.
 * The fixture's workers meet at a Barrier before their loops, so they overlap for certain and an
 * update is lost in every run: a run that lost nothing fails here rather than skipping the count.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture } from '../run-fixture';

describe('lost updates counted on a real run', () => {
  for (let round = 1; round <= 3; round++) {
    it(`matches the final value's shortfall exactly (run ${round})`, async () => {
      const run = await runFixture<{ final: number; increments: number }>('lost-updates-exact');
      assert.equal(run.status, 0, describeRun(run));
      const { final, increments } = run.result;
      assert.ok(final < increments, `the workers overlapped but lost nothing (${final} of ${increments}): the count went unchecked`);
      const lost = run.report?.findings.filter((f) => f.kind === 'lost-update') ?? [];
      assert.equal(lost.length, 1, describeRun(run));
      assert.match(lost[0]!.message, new RegExp(`\\b${increments} increments, ${final} arrived: ${increments - final} lost\\b`));
    });
  }
});
