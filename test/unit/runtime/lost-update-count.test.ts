/**
 * Through the real runtime: the lost-update finding's count equals the shortfall of the final
 * value. It depends on every access to a location being stamped in the location's memory order
 * (value.ts): a write stamped after its location capture once let the next write look earlier.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture } from '../run-fixture';

describe('lost updates counted on a real run', () => {
  for (let round = 1; round <= 3; round++) {
    it(`matches the final value exactly (run ${round})`, async () => {
      const run = await runFixture<{ final: number; increments: number }>('lost-updates-exact');
      assert.equal(run.status, 0, describeRun(run));
      const { final, increments } = run.result;
      const lost = run.report?.findings.filter((f) => f.kind === 'lost-update') ?? [];
      if (final === increments) {
        assert.deepEqual(lost, [], 'nothing was lost, so no lost-update finding');
      } else {
        assert.equal(lost.length, 1, describeRun(run));
        assert.match(lost[0]!.message, new RegExp(`${increments} increments, ${final} arrived: ${increments - final} lost`));
      }
    });
  }
});
