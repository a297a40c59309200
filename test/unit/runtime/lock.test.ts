/** Lock against Python's multiprocessing.Lock (docs/api.md, "Semantics": Lock). */
import { strict as assert } from 'node:assert';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
}

describe('Lock in one worker', () => {
  interface Basics {
    first: boolean;
    again: boolean;
    againIgnoringTimeout: boolean;
    againIgnoringTimeoutMs: number;
    againTimed: boolean;
    againTimedMs: number;
    againNegative: boolean;
    againNegativeMs: number;
    lockedWhileHeld: boolean;
    lockedAfterRelease: boolean;
    releaseUnlocked: Thrown | null;
    withLockResult: number;
    freeAfterWithLock: boolean;
    withLockThrow: Thrown | null;
    freeAfterThrow: boolean;
    freeAfterDispose: boolean;
  }
  let run: FixtureRun<Basics>;
  before(async () => {
    run = await runFixture<Basics>('lock-basics');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('acquire() returns true; locked() tells whether it is held', () => {
    assert.equal(run.result.first, true);
    assert.equal(run.result.lockedWhileHeld, true);
    assert.equal(run.result.lockedAfterRelease, false);
  });

  it('is not reentrant: acquire(false) by the holder itself returns false', () => {
    assert.equal(run.result.again, false);
  });

  it('acquire(false, timeout) ignores the timeout and returns at once', () => {
    assert.equal(run.result.againIgnoringTimeout, false);
    assert.ok(run.result.againIgnoringTimeoutMs < 500, `took ${run.result.againIgnoringTimeoutMs} ms`);
  });

  it('acquire(true, timeoutMs) returns false after the timeout', () => {
    assert.equal(run.result.againTimed, false);
    assert.ok(run.result.againTimedMs >= 75 && run.result.againTimedMs < 2000, `took ${run.result.againTimedMs} ms`);
  });

  it('treats a negative timeout as 0', () => {
    assert.equal(run.result.againNegative, false);
    assert.ok(run.result.againNegativeMs < 500, `took ${run.result.againNegativeMs} ms`);
  });

  it('throws when an unlocked Lock is released', () => {
    assert.ok(run.result.releaseUnlocked, 'release() of an unlocked Lock must throw');
  });

  it("withLock(fn) returns fn's result and releases", () => {
    assert.equal(run.result.withLockResult, 42);
    assert.equal(run.result.freeAfterWithLock, true);
  });

  it('withLock(fn) rethrows what fn threw and releases', () => {
    assert.deepEqual(run.result.withLockThrow, { name: 'Error', message: 'inside' });
    assert.equal(run.result.freeAfterThrow, true);
  });

  it('Symbol.dispose releases', () => assert.equal(run.result.freeAfterDispose, true));
});

describe('Lock across workers', () => {
  interface Cross {
    releaserExit: number;
    freeAfterOtherRelease: boolean;
    timedAcquire: number;
    waiterGot: number;
    waiterWaitedMs: number;
    freeAtEnd: boolean;
  }
  let run: FixtureRun<Cross>;
  before(async () => {
    run = await runFixture<Cross>('lock-cross-worker');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('may be released by a worker that did not acquire it (as in Python)', () => {
    assert.equal(run.result.releaserExit, 0);
    assert.equal(run.result.freeAfterOtherRelease, true);
  });

  it('gives up a timed acquire held elsewhere with false', () => assert.equal(run.result.timedAcquire, 0));

  it('blocks acquire() until the holder releases, then takes it', () => {
    assert.equal(run.result.waiterGot, 1);
    assert.ok(run.result.waiterWaitedMs >= 100, `the waiter waited only ${run.result.waiterWaitedMs} ms`);
    assert.equal(run.result.freeAtEnd, true);
  });

  it('is counted in the report: acquisitions and contention', () => {
    const lock = run.report?.locks.find((l) => l.name === 'shared-lock');
    assert.ok(lock, describeRun(run));
    assert.ok(lock.acquisitions >= 3, JSON.stringify(lock));
    assert.ok(lock.contended >= 1, JSON.stringify(lock));
  });
});

describe('a counter under a Lock', () => {
  it('[must show] ends exact with two workers', async () => {
    const run = await runFixture<{ counter: number; expected: number }>('counter-locked');
    assertCleanRun(run);
    assert.equal(run.result.counter, run.result.expected);
    assert.equal(run.result.expected, 4000);
    assert.deepEqual(run.report!.findings.filter((f) => f.kind === 'data-race' || f.kind === 'lost-update'), [], describeRun(run));
  });
});

describe('a Lock held when its holder exits', () => {
  let run: FixtureRun<{ exitCode: number; stillHeld: boolean }>;
  before(async () => {
    run = await runFixture<{ exitCode: number; stillHeld: boolean }>('lock-abandoned');
  });

  it('stays held (as in Python), and the run still ends ok', () => {
    assertCleanRun(run);
    assert.deepEqual(run.result, { exitCode: 0, stillHeld: true });
  });

  it('is an abandoned-lock finding naming the lock and the holder', () => {
    const finding = run.report?.findings.find((f) => f.kind === 'abandoned-lock');
    assert.ok(finding, describeRun(run));
    assert.ok(finding.objects.includes('left-behind'), JSON.stringify(finding));
    assert.ok(finding.processes.includes('leaver'), JSON.stringify(finding));
  });
});
