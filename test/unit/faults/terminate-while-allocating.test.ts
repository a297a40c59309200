/**
 * Fault matrix: Process.terminate() of workers busy inside the runtime's own bookkeeping (the
 * shared heap's allocator, a channel's mutex) never leaves that mutex held or those structures
 * half written: the supervisor waits for the thread to leave the section first
 * (shared/termination-guard.ts). Without it, some of 24 terminations land inside a section and the
 * main thread's next allocation waits forever (the run times out).
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture, type FixtureRun } from '../run-fixture';

interface TerminateResult {
  terminated: number;
  workers: number;
  after: string;
  counter: number;
  joinMs: number;
}

describe('fault: terminate() of workers busy allocating shared memory', function () {
  this.timeout(120_000);
  let run: FixtureRun<TerminateResult>;
  before(async () => {
    run = await runFixture<TerminateResult>('terminate-while-allocating', { timeoutMs: 60_000, hardLimitMs: 90_000 });
  });

  it('terminates every worker, and the heap and new channels still work after', () => {
    const context = describeRun(run);
    assert.equal(run.status, 0, context);
    assert.deepEqual(
      { terminated: run.result?.terminated, after: run.result?.after, counter: run.result?.counter },
      { terminated: run.result?.workers, after: 'still works', counter: 42 },
      context,
    );
  });

  it('leaves no thread or process behind', () => {
    assert.deepEqual(run.leftovers, [], describeRun(run));
    assert.equal(run.cliStillThere, false);
  });
});
