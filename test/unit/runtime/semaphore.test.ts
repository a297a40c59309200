/** Semaphore and BoundedSemaphore against Python's. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
  instance?: boolean;
}

describe('Semaphore and BoundedSemaphore', () => {
  interface SemaphoreResult {
    defaultValue: boolean[];
    counting: boolean[];
    timedOut: boolean;
    timedOutMs: number;
    afterRelease: boolean;
    plainOverRelease: number;
    boundedOver: Thrown | null;
    boundedDefault: Thrown | null;
    boundedValue: number;
    negative: Thrown | null;
    woken: boolean;
    wokenMs: number;
    withLock: string;
  }
  let run: FixtureRun<SemaphoreResult>;
  before(async () => {
    run = await runFixture<SemaphoreResult>('semaphore');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('Semaphore() has one permit by default', () => assert.deepEqual(run.result.defaultValue, [true, false]));

  it('Semaphore(n) gives n permits, then acquire(false) fails', () => {
    assert.deepEqual(run.result.counting, [true, true, false]);
  });

  it('a timed acquire returns false after the timeout; release() frees a permit', () => {
    assert.equal(run.result.timedOut, false);
    assert.ok(run.result.timedOutMs >= 55 && run.result.timedOutMs < 2000, `took ${run.result.timedOutMs} ms`);
    assert.equal(run.result.afterRelease, true);
  });

  it('a plain Semaphore may be released above its initial value', () => {
    assert.equal(run.result.plainOverRelease, 3);
  });

  it('a BoundedSemaphore throws on release above its initial value (default 1)', () => {
    assert.ok(run.result.boundedOver, 'BoundedSemaphore(2) over-release must throw');
    assert.ok(run.result.boundedDefault, 'BoundedSemaphore() over-release must throw');
    assert.equal(run.result.boundedValue, 2);
  });

  it('refuses a negative initial value', () => assert.equal(run.result.negative?.instance, true));

  it('wakes a blocked acquire when another worker releases', () => assert.equal(run.result.woken, true));

  it('withLock(fn) returns fn result', () => assert.equal(run.result.withLock, 'ran'));
});

describe('BoundedSemaphore released by two workers at once', () => {
  let run: FixtureRun<{ overBound: number; succeeded: number; rounds: number }>;
  before(async () => {
    run = await runFixture('semaphore-concurrent-over-release', { args: ['--locations', 'off'] });
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('lets exactly one of the two releases of the last missing permit succeed, every round', () => {
    assert.equal(run.result.overBound, 0, 'the value went above the bound');
    assert.equal(run.result.succeeded, run.result.rounds);
  });
});
