/** --timeout: a run that never ends is stopped, reported, and leaves nothing running. */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture, type FixtureRun } from '../run-fixture';

describe('an infinite loop run with --timeout 2000', () => {
  let run: FixtureRun<unknown>;
  before(async () => {
    run = await runFixture('fault-infinite-loop', { timeoutMs: 2000, hardLimitMs: 20_000 });
  });

  it('[must show] exits 2 within 10 s', () => {
    assert.equal(run.killed, false, describeRun(run));
    assert.equal(run.status, 2, describeRun(run));
    assert.ok(run.elapsedMs >= 1900 && run.elapsedMs < 10_000, `exited after ${run.elapsedMs} ms`);
  });

  it('[must show] leaves nothing running: the CLI process is gone, no child process remains', () => {
    assert.equal(run.cliStillThere, false);
    assert.deepEqual(run.leftovers, []);
  });

  it('writes a trace whose report says timeout, with a timeout finding naming the spinning processes', () => {
    assert.equal(run.report?.result, 'timeout', describeRun(run));
    const finding = run.report.findings.find((f) => f.kind === 'timeout');
    assert.ok(finding, describeRun(run));
    assert.ok(finding.processes.includes('MainProcess') && finding.processes.includes('spinner'), JSON.stringify(finding));
  });

  it('is not a worker-error of the spinning workers', () => {
    assert.deepEqual(run.report!.findings.filter((f) => f.kind === 'worker-error'), [], describeRun(run));
  });
});
