/** Memory visibility along the synchronisation edges the issue names (and no race reported on them). */
import { strict as assert } from 'node:assert';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

describe('writes ordered by start, join, a Barrier and a Queue hand-off', () => {
  interface Visibility {
    beforeStart: number;
    afterJoin: number;
    acrossBarrier: number[];
    token: string;
    throughQueue: number[];
  }
  let run: FixtureRun<Visibility>;
  before(async () => {
    run = await runFixture<Visibility>('visibility');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('[must show] a write before start() is seen by the started process', () => assert.equal(run.result.beforeStart, 111));

  it('[must show] a write by a process is seen after join()', () => assert.equal(run.result.afterJoin, 222));

  it('[must show] a write before a Barrier is seen by the other party after it', () => {
    assert.deepEqual(run.result.acrossBarrier, [101, 100]);
  });

  it('[must show] writes before a Queue put are seen after the matching get', () => {
    assert.equal(run.result.token, 'ready');
    assert.deepEqual(run.result.throughQueue, [0, 1, 4, 9, 16]);
  });

  it('are not reported as races or lost updates', () => {
    const races = run.report!.findings.filter((f) => f.kind === 'data-race' || f.kind === 'lost-update');
    assert.deepEqual(races, [], describeRun(run));
  });
});
