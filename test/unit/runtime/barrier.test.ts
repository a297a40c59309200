/** Barrier against Python's threading/multiprocessing Barrier. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
  instance?: boolean;
}

describe('Barrier', () => {
  interface BarrierResult {
    parties: number;
    broken: boolean;
    passes: number[][];
    sums: number[];
    exitCodes: number[];
  }
  let run: FixtureRun<BarrierResult>;
  before(async () => {
    run = await runFixture<BarrierResult>('barrier');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('wait() returns indices distinct per party in 0..parties-1, on every pass', () => {
    assert.equal(run.result.parties, 3);
    assert.equal(run.result.passes.length, 3);
    for (const pass of run.result.passes) assert.deepEqual([...pass].sort(), [0, 1, 2], JSON.stringify(run.result.passes));
    assert.equal(run.result.broken, false);
  });

  it('[must show] makes writes before it seen by every party after it', () => {
    assert.deepEqual(run.result.sums, [6, 6, 6, 12, 12, 12, 18, 18, 18]);
  });

  it('runs its action once per pass', () => {
    const actions = run.stdout.split('\n').filter((l) => l === 'ACTION').length;
    assert.equal(actions, 6, describeRun(run)); // 3 rounds of two waits
  });
});

describe('Barrier breaking', () => {
  interface Broken {
    timedOut: Thrown | null;
    timedOutMs: number;
    brokenAfterTimeout: boolean;
    laterWait: Thrown | null;
    laterWaitMs: number;
    brokenAfterReset: boolean;
    defaultTimeout: Thrown | null;
    defaultTimeoutMs: number;
    abortedWaiter: number;
    brokenAfterAbort: boolean;
    zeroParties: Thrown | null;
  }
  let run: FixtureRun<Broken>;
  before(async () => {
    run = await runFixture<Broken>('barrier-broken');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('wait(timeoutMs) throws BrokenBarrierError after the timeout and breaks the barrier', () => {
    assert.equal(run.result.timedOut?.instance, true, JSON.stringify(run.result.timedOut));
    assert.equal(run.result.timedOut?.name, 'BrokenBarrierError');
    assert.ok(run.result.timedOutMs >= 55 && run.result.timedOutMs < 2000, `took ${run.result.timedOutMs} ms`);
    assert.equal(run.result.brokenAfterTimeout, true);
  });

  it('a broken barrier throws at once on wait()', () => {
    assert.equal(run.result.laterWait?.instance, true);
    assert.ok(run.result.laterWaitMs < 500, `took ${run.result.laterWaitMs} ms`);
  });

  it('reset() mends it', () => assert.equal(run.result.brokenAfterReset, false));

  it('{ timeoutMs } is the default timeout of wait()', () => {
    assert.equal(run.result.defaultTimeout?.instance, true);
    assert.ok(run.result.defaultTimeoutMs >= 35 && run.result.defaultTimeoutMs < 2000);
  });

  it('abort() gives a waiter in another worker BrokenBarrierError', () => {
    assert.equal(run.result.abortedWaiter, 2, '1 = passed, 2 = BrokenBarrierError, 3 = another error');
    assert.equal(run.result.brokenAfterAbort, true);
  });

  it('refuses parties < 1', () => assert.equal(run.result.zeroParties?.instance, true));
});

describe('Barrier.reset()', () => {
  it('gives a party waiting during the reset BrokenBarrierError, and the barrier works after', async () => {
    const run = await runFixture<{ waiterDuringReset: number; brokenAfterReset: boolean; index: number; reusedWaiter: number }>('barrier-reset');
    assertCleanRun(run);
    assert.equal(run.result.waiterDuringReset, 2, `1 = passed, 2 = BrokenBarrierError\n${describeRun(run)}`);
    assert.equal(run.result.brokenAfterReset, false);
    assert.equal(run.result.reusedWaiter, 1);
    assert.ok([0, 1].includes(run.result.index));
  });
});
