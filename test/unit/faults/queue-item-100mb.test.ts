/**
 * Fault matrix: a 100 MB Queue item.
 * - On a Queue capped by `capacityBytes: 16 MiB`, put() fails at once with a RangeError naming
 *   the item's size, the queue's cap and the `capacityBytes` option to pass; uncaught, it is the
 *   producer's worker-error and the run exits 1. (A Queue made with no options has no cap: it
 *   grows to the shared heap's limit, as Python's has none; see shared-memory-churn.test.ts for a
 *   40 MB item on one, and for what happens at the heap's limit.)
 * - On a Queue made with `capacityBytes` big enough, the item crosses whole.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture, type FixtureRun } from '../run-fixture';
import { assertTraceOpens } from './fault-harness';

describe('fault: a 100 MB Queue item on a Queue capped at 16 MiB', () => {
  let run: FixtureRun<{ exitCode: number; queued: number }>;
  before(async () => {
    run = await runFixture('fault-queue-item-too-big', { timeoutMs: 30_000 });
  });

  it('is a clear worker-error naming the size, the capacity and capacityBytes; exit 1', () => {
    const context = describeRun(run);
    assert.equal(run.killed, false, context);
    assert.equal(run.status, 1, context);
    assert.equal(run.report?.result, 'error', context);
    const finding = run.report.findings.find((f) => f.kind === 'worker-error' && f.processes.includes('big-producer'));
    assert.ok(finding, context);
    assert.match(finding.message, /RangeError: interleave: a queue item of 104857\d{3} bytes \(100\.0 MiB, serialized\) does not fit this queue's 16777216 bytes \(16\.0 MiB\): pass \{ capacityBytes: \d+ \} or more/);
    assert.ok(finding.locations.some((l) => l.file.endsWith('fault-queue-item-too-big.ts') && l.line === 12), JSON.stringify(finding.locations));
    assert.match(run.stdout, /worker-error\s+big-producer failed .*capacityBytes/);
  });

  it('fails fast, and main goes on: the producer exited 1, nothing was queued', () => {
    assert.deepEqual(run.result, { exitCode: 1, queued: 0 });
    assert.ok(run.elapsedMs < 15_000, `took ${run.elapsedMs} ms`);
  });

  it('keeps the trace, and it opens', () => {
    const { trace } = assertTraceOpens(run.tracePath);
    assert.ok(trace.footer);
  });

  it('leaves nothing behind', () => {
    assert.equal(run.cliStillThere, false);
    assert.deepEqual(run.leftovers, []);
  });
});

describe('a 100 MB Queue item on a Queue with capacityBytes', () => {
  let run: FixtureRun<{ length: number; intact: boolean; exitCode: number; ms: number }>;
  before(async () => {
    run = await runFixture('queue-item-100mb', { timeoutMs: 30_000 });
  });

  it('crosses whole: exit 0, the consumer gets all 100 MiB intact', () => {
    const context = describeRun(run);
    assert.equal(run.killed, false, context);
    assert.equal(run.status, 0, context);
    assert.equal(run.result.length, 100 * 1024 * 1024);
    assert.equal(run.result.intact, true);
    assert.equal(run.result.exitCode, 0);
  });

  it('records the put and the get with the item size, and the trace opens', () => {
    const { report } = assertTraceOpens(run.tracePath);
    assert.deepEqual(report.queues.find((q) => q.name === 'big-queue'), { ...report.queues.find((q) => q.name === 'big-queue'), puts: 1, gets: 1 });
    assert.equal(run.report?.result, 'ok');
  });

  it('leaves nothing behind', () => {
    assert.equal(run.cliStillThere, false);
    assert.deepEqual(run.leftovers, []);
  });
});
