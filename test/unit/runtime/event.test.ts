/** Event against Python's multiprocessing.Event. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, runFixture, type FixtureRun } from '../run-fixture';

describe('Event', () => {
  interface EventResult {
    initially: boolean;
    timedOut: boolean;
    timedOutMs: number;
    negative: boolean;
    negativeMs: number;
    afterSet: boolean[];
    afterClear: boolean[];
    woken: boolean;
    wokenMs: number;
  }
  let run: FixtureRun<EventResult>;
  before(async () => {
    run = await runFixture<EventResult>('event');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('starts clear', () => assert.equal(run.result.initially, false));

  it('wait(timeoutMs) returns false after the timeout while clear', () => {
    assert.equal(run.result.timedOut, false);
    assert.ok(run.result.timedOutMs >= 55 && run.result.timedOutMs < 2000, `took ${run.result.timedOutMs} ms`);
  });

  it('treats a negative timeout as 0', () => {
    assert.equal(run.result.negative, false);
    assert.ok(run.result.negativeMs < 500);
  });

  it('set() makes isSet() and every wait() true at once', () => assert.deepEqual(run.result.afterSet, [true, true, true]));

  it('clear() makes it false again', () => assert.deepEqual(run.result.afterClear, [false, false]));

  it('wakes a waiter when another worker sets it', () => assert.equal(run.result.woken, true));
});
