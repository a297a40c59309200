/**
 * The extension's view of a run is what the runner sends over IPC. A plain program that records
 * hundreds of thousands of shared accesses sends its batches faster than the parent reads them;
 * the runner must not close the channel (which cancels queued writes) before they are written:
 * every event in the trace file arrives in a batch, and 'finished' arrives too.
 */
import { strict as assert } from 'node:assert';
import type { RunnerMessage } from '../../../src/shared/runner-protocol';
import { assertNothingLeft, assertTraceOpens, newTracePath, startIpcRunner } from './fault-harness';

describe('fault: a run that streams faster than its parent reads', function () {
  this.timeout(120_000);
  const tracePath = newTracePath('flood');
  let runner: ReturnType<typeof startIpcRunner>;
  let exit: { code: number | null };

  before(async () => {
    // The demo (not the smaller fixture): 2 workers × 100,000 `counter[0] += 1`, a read and a write each.
    runner = startIpcRunner('../../demos/plain-racing-counter.js', tracePath, ['--locations', 'off']);
    exit = await runner.exited;
  });

  it('delivers every event of the trace in its batches, then says finished', () => {
    assert.equal(exit.code, 0, runner.stderr());
    const { trace } = assertTraceOpens(tracePath);
    const inTrace = trace.events.length / 8;
    const batches = runner.messages.filter((m): m is Extract<RunnerMessage, { type: 'batch' }> => m.type === 'batch');
    const delivered = batches.reduce((n, b) => n + b.events.length / 8, 0);
    assert.ok(inTrace > 100_000, `a small run (${inTrace} events) proves nothing here`);
    assert.equal(delivered, inTrace, `${delivered} of ${inTrace} events arrived in ${batches.length} batches`);
    assert.equal(runner.messages.at(-1)?.type, 'finished');
  });

  it('leaves nothing behind', async () => {
    await assertNothingLeft(runner.child.pid, runner.seen);
  });
});
