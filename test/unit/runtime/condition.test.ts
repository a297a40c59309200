/** Condition against Python's multiprocessing.Condition. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
}

describe('Condition', () => {
  interface ConditionResult {
    unowned: { wait: Thrown | null; notify: Thrown | null; notifyAll: Thrown | null };
    timedOut: boolean;
    timedOutMs: number;
    waitForFalsy: number;
    waitForFalsyMs: number;
    waitForTruthy: string;
    releasedAfterWait: Thrown | null;
    rlockDepthRestored: boolean;
    boundLockHeldAfterWait: boolean;
    boundLockFree: boolean;
    consumed: number;
    woke: number;
    notifyAllMs: number;
  }
  let run: FixtureRun<ConditionResult>;
  before(async () => {
    run = await runFixture<ConditionResult>('condition');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('throws on wait(), notify() and notifyAll() without holding its lock', () => {
    assert.ok(run.result.unowned.wait, 'wait');
    assert.ok(run.result.unowned.notify, 'notify');
    assert.ok(run.result.unowned.notifyAll, 'notifyAll');
  });

  it('wait(timeoutMs) returns false on timeout, holding the lock again', () => {
    assert.equal(run.result.timedOut, false);
    assert.ok(run.result.timedOutMs >= 55 && run.result.timedOutMs < 2000, `took ${run.result.timedOutMs} ms`);
    assert.ok(run.result.releasedAfterWait, 'after one release() the default RLock is free: a second release() throws');
  });

  it('wait() on an RLock held twice releases it fully and restores both levels', () => {
    assert.equal(run.result.rlockDepthRestored, true);
  });

  it("waitFor(pred, t) returns the predicate's last value", () => {
    assert.equal(run.result.waitForFalsy, 0);
    assert.ok(run.result.waitForFalsyMs >= 35, `took ${run.result.waitForFalsyMs} ms`);
    assert.equal(run.result.waitForTruthy, 'ready');
  });

  it('binds to a given Lock: wait() releases it and takes it back', () => {
    assert.equal(run.result.boundLockHeldAfterWait, true);
    assert.equal(run.result.boundLockFree, true);
  });

  it('notify() from another worker wakes waitFor() until its predicate holds', () => {
    assert.equal(run.result.consumed, 3);
  });

  it('notifyAll() wakes every waiter', () => {
    assert.equal(run.result.woke, 2);
    assert.ok(run.result.notifyAllMs < 3000, `took ${run.result.notifyAllMs} ms`);
  });
});

describe('Condition.notify(n)', () => {
  it('wakes at most n waiters; the others keep waiting', async () => {
    const run = await runFixture<{ afterNotifyOne: number; afterNotifyTwo: number; exitCodes: number[] }>('condition-notify-one');
    assertCleanRun(run);
    assert.equal(run.result.afterNotifyOne, 1, describeRun(run));
    assert.equal(run.result.afterNotifyTwo, 3);
    assert.deepEqual(run.result.exitCodes, [0, 0, 0]);
  });
});
