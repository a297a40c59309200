/** Live deadlock detection: a cycle of untimed waits stops the run (exit 2) and names what is in it. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

describe('two workers taking two locks in opposite orders', () => {
  let run: FixtureRun<unknown>;
  before(async () => {
    run = await runFixture('deadlock-ab-ba', { timeoutMs: 60_000 });
  });

  it('[must show] exits 2 within 10 s, long before the timeout, leaving nothing running', () => {
    assert.equal(run.status, 2, describeRun(run));
    assert.ok(run.elapsedMs < 10_000, `exited after ${run.elapsedMs} ms`);
    assert.equal(run.cliStillThere, false);
    assert.deepEqual(run.leftovers, []);
    assert.equal(run.report?.result, 'deadlock', describeRun(run));
  });

  it('[must show] gives a deadlock finding naming both locks and both workers', () => {
    const finding = run.report?.findings.find((f) => f.kind === 'deadlock');
    assert.ok(finding, describeRun(run));
    for (const lock of ['lock-A', 'lock-B']) {
      assert.ok(finding.objects.includes(lock), `${lock} in ${JSON.stringify(finding.objects)}`);
      assert.match(finding.message, new RegExp(lock));
    }
    for (const worker of ['worker-AB', 'worker-BA']) {
      assert.ok(finding.processes.includes(worker), `${worker} in ${JSON.stringify(finding.processes)}`);
      assert.match(finding.message, new RegExp(worker));
    }
    assert.ok(finding.locations.some((l) => l.file.endsWith('deadlock-ab-ba.ts')), JSON.stringify(finding.locations));
  });
});

describe('the same lock cycle with timed acquires', () => {
  it('is not a deadlock: the acquires time out, as in Python; exit 0', async () => {
    const run = await runFixture<{ exitCode: number[]; got: number }>('deadlock-timed-not', { timeoutMs: 30_000 });
    assertCleanRun(run);
    assert.deepEqual(run.report!.findings.filter((f) => f.kind === 'deadlock'), [], describeRun(run));
  });
});

describe('every process blocked untimed on a Queue nobody feeds', () => {
  let run: FixtureRun<unknown>;
  before(async () => {
    run = await runFixture('deadlock-queue-starved', { timeoutMs: 60_000 });
  });

  it('stops the run as a deadlock within 10 s: exit 2', () => {
    assert.equal(run.status, 2, describeRun(run));
    assert.ok(run.elapsedMs < 10_000, `exited after ${run.elapsedMs} ms`);
    assert.equal(run.report?.result, 'deadlock');
  });

  it('gives a deadlock finding naming the queue and the waiting process', () => {
    const finding = run.report?.findings.find((f) => f.kind === 'deadlock');
    assert.ok(finding, describeRun(run));
    assert.ok(finding.objects.includes('never-fed'), JSON.stringify(finding));
    assert.ok(finding.processes.includes('MainProcess'), JSON.stringify(finding));
  });
});

describe('main holding a lock while it joins the child waiting for that lock', () => {
  it('is a deadlock through join(): exit 2, a finding naming the lock and both processes', async () => {
    const run = await runFixture('deadlock-join', { timeoutMs: 60_000 });
    assert.equal(run.status, 2, describeRun(run));
    assert.ok(run.elapsedMs < 10_000, `exited after ${run.elapsedMs} ms`);
    const finding = run.report?.findings.find((f) => f.kind === 'deadlock');
    assert.ok(finding, describeRun(run));
    assert.ok(finding.objects.includes('held-by-main'), JSON.stringify(finding));
    assert.ok(finding.processes.includes('MainProcess') && finding.processes.includes('blocked-child'), JSON.stringify(finding));
  });

  it('is described as a join in the run summary, not as a wait for a lock', async () => {
    const run = await runFixture('deadlock-join', { timeoutMs: 60_000 });
    assert.match(run.stdout, /MainProcess waits to join blocked-child/, describeRun(run));
  });
});
