/**
 * Fault matrix: shared memory that comes back (issue 11 §1).
 * - One run makes 300 Pools one after another (each used, then closed or terminated, then joined),
 *   5,000 Queues each used once and dropped, and sends one 40 MB item through a Queue made with
 *   no options. All succeed; the runner's peak RSS stays under 1.5 GB (printed).
 *   What bounds its time is starting 600 pool worker threads (~45 ms each on 2 idle cores; see
 *   thousand-workers.test.ts): about 30 s alone, the queues and the big item under 2 s.
 * - Memory of objects no thread can reach is reused: 400 MiB of dropped Arrays and Queues, and
 *   120 MiB of work queued in Pools then terminated and joined, pass through a 24 MiB heap.
 * - No use after free from the API: objects a thread dropped stay whole while another thread, or
 *   a handle in flight, can still reach them, while their neighbours' memory is churned.
 */
import { strict as assert } from 'node:assert';
import { EventKind, ObjectKind, RECORD_SLOTS, Slot } from '../../../src/shared/events';
import { describeRun, runFixture, type FixtureRun } from '../run-fixture';
import { assertTraceOpens } from './fault-harness';

interface ChurnResult {
  poolsOk: number;
  poolsMs: number;
  queuesOk: number;
  queuesMs: number;
  bigItem: { length: number; intact: boolean; producerExit: number };
  peakRssMb: number;
}

describe('fault: shared-memory churn (300 Pools, 5,000 Queues, a 40 MB item, one run)', function () {
  this.timeout(300_000);
  let run: FixtureRun<ChurnResult>;
  before(async () => {
    run = await runFixture<ChurnResult>('shared-memory-churn', { timeoutMs: 240_000, hardLimitMs: 270_000 });
    const r = run.result;
    console.log(
      `      ${r?.poolsOk} pools in ${r?.poolsMs} ms, ${r?.queuesOk} queues in ${r?.queuesMs} ms, ` +
        `run ${run.elapsedMs} ms, runner peak RSS ${r?.peakRssMb} MiB`,
    );
  });

  it('runs to a clean end: every Pool, every Queue and the big item succeed', () => {
    const context = describeRun(run);
    assert.equal(run.killed, false, context);
    assert.equal(run.status, 0, context);
    // (`report --json` lists 5,001 queues: more than run-fixture's spawnSync buffer, so the trace's own footer.)
    assert.equal(assertTraceOpens(run.tracePath).trace.footer?.result, 'ok', context);
    assert.equal(run.result.poolsOk, 300);
    assert.equal(run.result.queuesOk, 5000);
    assert.deepEqual(run.result.bigItem, { length: 40_000_000, intact: true, producerExit: 0 });
  });

  it('keeps the runner\'s peak memory under 1.5 GB', () => {
    assert.ok(run.result.peakRssMb > 0 && run.result.peakRssMb < 1536, `peak RSS ${run.result.peakRssMb} MiB`);
  });

  it('records the heap limit and its peak size; the heap stayed far below what the objects took together', () => {
    const { trace } = assertTraceOpens(run.tracePath);
    assert.equal(trace.header.sharedHeapMb, 1024);
    const peak = trace.footer?.sharedHeapBytes ?? 0;
    // Each Pool once took 128 MiB and each Queue 16 MiB: 300 Pools alone were 37.5 GiB.
    assert.ok(peak > 40_000_000 && peak < 256 * 2 ** 20, `peak heap ${peak} bytes`);
  });

  it('gives every object its own id, even those that lived at a reused address', () => {
    const { trace } = assertTraceOpens(run.tracePath);
    const ids: number[] = [];
    const events = trace.events;
    for (let at = 0; at < events.length; at += RECORD_SLOTS) {
      if (events[at + Slot.kind] === EventKind.OBJ_CREATE && events[at + Slot.a] === ObjectKind.QUEUE) ids.push(events[at + Slot.obj]!);
    }
    assert.equal(ids.length, 5001);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('leaves nothing behind', () => {
    assert.equal(run.cliStillThere, false);
    assert.deepEqual(run.leftovers, []);
  });
});

describe('shared memory of unreachable objects is reused', function () {
  this.timeout(120_000);
  it('400 MiB of dropped Arrays and Queues, and 120 MiB of terminated Pools\' queued work, pass through a 24 MiB heap', async () => {
    const run = await runFixture<{ arraysOk: number; queuesOk: number; poolsOk: number }>('shared-memory-reuse', { timeoutMs: 90_000, args: ['--shared-heap-mb', '24'] });
    const context = describeRun(run);
    assert.equal(run.status, 0, context);
    assert.deepEqual(run.result, { arraysOk: 200, queuesOk: 200, poolsOk: 30 });
    const { trace } = assertTraceOpens(run.tracePath);
    assert.equal(trace.header.sharedHeapMb, 24);
    assert.ok((trace.footer?.sharedHeapBytes ?? Infinity) <= 24 * 2 ** 20);
  });
});

describe('no use after free from the API', function () {
  this.timeout(120_000);
  it('an object dropped by its maker stays whole while another thread or a handle in flight can reach it', async () => {
    const run = await runFixture<{ user: string; userExit: number; innerItem: string }>('shared-memory-lifetime', { timeoutMs: 60_000, args: ['--shared-heap-mb', '16'] });
    const context = describeRun(run);
    assert.equal(run.status, 0, context);
    assert.deepEqual(run.result, { user: '50/50', userExit: 0, innerItem: 'still here' });
  });
});

describe('the shared heap\'s limit', function () {
  this.timeout(120_000);
  it('names the object that did not fit and the flag and setting to raise', async () => {
    const run = await runFixture<{ exitCode: number; queued: number }>('fault-shared-heap-limit', { timeoutMs: 60_000, args: ['--shared-heap-mb', '64'] });
    const context = describeRun(run);
    assert.equal(run.status, 1, context);
    const finding = run.report?.findings.find((f) => f.kind === 'worker-error' && f.processes.includes('big-producer'));
    assert.ok(finding, context);
    assert.match(finding.message, /RangeError: interleave: shared memory is full: Queue "unbounded" \(growing for an item of 104857\d{3} bytes\) needs 104857\d{3} bytes \(100\.0 MiB\) and the run's shared heap is at its limit of 64\.0 MiB .*--shared-heap-mb \(the VS Code setting interleave\.sharedHeapMb\)/);
    assert.ok(finding.locations.some((l) => l.file.endsWith('fault-shared-heap-limit.ts') && l.line === 10), JSON.stringify(finding.locations));
    assert.deepEqual(run.result, { exitCode: 1, queued: 0 });
    assert.equal(assertTraceOpens(run.tracePath).trace.header.sharedHeapMb, 64);
  });
});
