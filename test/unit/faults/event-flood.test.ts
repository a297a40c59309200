/**
 * Fault matrix: an event flood far past the ring capacity. Three workers record millions of
 * events (unlocked `counter.value += 1`, a read and a write each).
 *
 * - Through the CLI, with 1,024-event rings: producers outrun each ring thousands of times over;
 *   the run finishes in bounded time, and whatever was dropped is the same number in the footer,
 *   the report's `dropped`, the DROPPED records and the summary line.
 * - In process, with a listener that stalls 60 ms on every fourth batch (a stuck extension host):
 *   the rings stay full longer than a producer waits (50 ms), so events are dropped for certain.
 *   Drops are counted and reported, never silent, and no worker blocks: the run ends in bounded time.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { printSummary } from '../../../src/runner/summary';
import { Supervisor, type RunOutcome } from '../../../src/runner/supervisor';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import type { ParsedTrace } from '../../../src/shared/trace-file';
import { ROOT, describeRun, fixturePath, runFixture, type FixtureRun } from '../run-fixture';
import { assertThreadsBackTo, assertTraceOpens, newTracePath, threadCount } from './fault-harness';

interface FloodResult {
  exitCodes: number[];
  attempted: number;
  final: number;
  ms: number;
}

function count(trace: ParsedTrace, kinds: number[]): { records: number; droppedSum: number } {
  let records = 0;
  let droppedSum = 0;
  for (let at = 0; at < trace.events.length; at += RECORD_SLOTS) {
    const kind = trace.events[at + 1]!;
    if (kinds.includes(kind)) records++;
    if (kind === EventKind.DROPPED) droppedSum += trace.events[at + 4]!;
  }
  return { records, droppedSum };
}

describe('fault: an event flood through the CLI with 1,024-event rings', function () {
  this.timeout(120_000);
  let run: FixtureRun<FloodResult>;
  before(async () => {
    run = await runFixture<FloodResult>('fault-event-flood', { timeoutMs: 60_000, hardLimitMs: 90_000, args: ['--ring-capacity', '1024'] });
  });

  it('finishes in bounded time, every flooder done, exit 0', () => {
    const context = describeRun(run);
    assert.equal(run.killed, false, context);
    assert.equal(run.status, 0, context);
    assert.deepEqual(run.result.exitCodes, [0, 0, 0], context);
    assert.ok(run.elapsedMs < 45_000, `took ${run.elapsedMs} ms`);
  });

  it('accounts for every access: recorded + dropped covers all attempted, one drop count everywhere', () => {
    const { trace, report } = assertTraceOpens(run.tracePath);
    const { records, droppedSum } = count(trace, [EventKind.READ, EventKind.WRITE]);
    assert.equal(report.dropped, droppedSum);
    assert.equal(trace.footer?.dropped, droppedSum);
    assert.equal(run.report?.dropped, droppedSum);
    assert.ok(records + droppedSum >= run.result.attempted, `${records} recorded + ${droppedSum} dropped < ${run.result.attempted} attempted`);
    if (droppedSum > 0) assert.match(run.stdout, new RegExp(`${droppedSum.toLocaleString('en-US')} DROPPED`));
    else assert.doesNotMatch(run.stdout, /DROPPED/);
  });

  it('leaves nothing behind', () => {
    assert.equal(run.cliStillThere, false);
    assert.deepEqual(run.leftovers, []);
  });
});

describe('fault: an event flood with a listener that stalls (drops for certain)', function () {
  this.timeout(120_000);
  const tracePath = newTracePath('flood-stalled');
  let outcome: RunOutcome;
  let elapsedMs = 0;
  let threadsBefore = 0;
  let batches = 0;

  before(async () => {
    threadsBefore = threadCount();
    const stall = new Int32Array(new SharedArrayBuffer(4));
    const started = Date.now();
    outcome = await new Supervisor({
      script: fixturePath('fault-event-flood'),
      tracePath,
      timeoutMs: 60_000,
      ringCapacity: 1024,
      workerPath: join(ROOT, 'dist/worker.js'),
      // A listener stuck for 60 ms on every fourth batch, on the supervisor's thread: longer than a
      // producer waits for room (50 ms).
      onBatch: () => { if (++batches % 4 === 0) Atomics.wait(stall, 0, 0, 60); },
    }).run();
    elapsedMs = Date.now() - started;
  });

  it('no worker blocks forever: every flooder finishes and the run ends ok in bounded time', () => {
    assert.equal(outcome.footer.result, 'ok', JSON.stringify(outcome.footer));
    assert.ok(outcome.footer.processes.every((p) => p.exitCode === 0), JSON.stringify(outcome.footer.processes));
    assert.ok(elapsedMs < 45_000, `took ${elapsedMs} ms`);
  });

  it('drops events, and counts them: footer, trace records and report agree', () => {
    assert.ok(outcome.footer.dropped > 0, 'nothing was dropped: the flood did not overflow the rings');
    const { trace, report } = assertTraceOpens(tracePath);
    assert.equal(count(trace, []).droppedSum, outcome.footer.dropped);
    assert.equal(report.dropped, outcome.footer.dropped);
    assert.equal(trace.footer?.dropped, outcome.footer.dropped);
  });

  it('every access is recorded or counted as dropped', () => {
    const { trace } = assertTraceOpens(tracePath);
    const { records, droppedSum } = count(trace, [EventKind.READ, EventKind.WRITE]);
    assert.ok(records + droppedSum >= 3 * 400_000 * 2, `${records} recorded + ${droppedSum} dropped`);
  });

  it('every process still has its exit in the trace (no exit event is lost to a full ring)', () => {
    const { trace } = assertTraceOpens(tracePath);
    const exited = new Set<number>();
    for (let at = 0; at < trace.events.length; at += RECORD_SLOTS) {
      if (trace.events[at + 1] === EventKind.PROC_EXIT) exited.add(trace.events[at + 3]!);
    }
    for (const p of outcome.footer.processes) assert.ok(exited.has(p.id), `no PROC_EXIT for ${p.name}`);
  });

  it('says so in the summary: the count and what it means', () => {
    let text = '';
    const { report } = assertTraceOpens(tracePath);
    printSummary({ write: (t: string) => { text += t; } }, outcome, report);
    const n = outcome.footer.dropped.toLocaleString('en-US');
    assert.match(text, new RegExp(`${n} DROPPED`));
    assert.match(text, new RegExp(`${n} events were dropped: the event rings overflowed`));
  });

  it('leaves no worker thread behind', async () => {
    await assertThreadsBackTo(threadsBefore);
  });
});
