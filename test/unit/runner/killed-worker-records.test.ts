/**
 * A worker killed mid-burst (here: --timeout stops one spinning while it holds a Lock) had its last
 * records written to its ring but not yet published. The supervisor adopts them once the thread
 * has ended, so the trace still says who held the lock, and since when.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture, type FixtureRun } from '../run-fixture';

describe('a worker killed while it holds a Lock taken in a burst', () => {
  let run: FixtureRun<unknown>;
  before(async () => {
    run = await runFixture('fault-spins-holding-lock', { timeoutMs: 1500, hardLimitMs: 20_000 });
  });

  it('is stopped by the timeout', () => {
    assert.equal(run.status, 2, describeRun(run));
    assert.equal(run.report?.result, 'timeout', describeRun(run));
  });

  it('keeps every acquisition in the trace, the last one held until the run was stopped', () => {
    const lock = run.report?.locks.find((l) => l.name === 'held-lock');
    assert.ok(lock, describeRun(run));
    assert.equal(lock.acquisitions, 101, JSON.stringify(lock));
    assert.ok(lock.holdMs >= 1000, `the last hold should last until the stop: ${JSON.stringify(lock)}`);
  });
});
