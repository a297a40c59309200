/**
 * Correctly synchronised plain programs get no race: Atomics.add, a handoff through postMessage,
 * through Atomics.store/notify and Atomics.wait (an ES module), a spin lock made of
 * compareExchange and store, messages from two producers, a MessageChannel port passed in
 * workerData, and a mix with the Interleave API.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture, type FixtureRun } from '../run-fixture';

function assertNoRace(run: FixtureRun<unknown>): void {
  const context = describeRun(run);
  assert.equal(run.killed, false, context);
  assert.equal(run.status, 0, context);
  assert.ok(run.report, context);
  assert.equal(run.report.result, 'ok', context);
  assert.deepEqual(run.report.findings.filter((f) => f.kind === 'data-race' || f.kind === 'lost-update'), [], context);
  assert.deepEqual(run.leftovers, [], context);
}

describe('no false races in synchronised plain programs', function () {
  this.timeout(60_000);

  it('a counter incremented with Atomics.add', async () => {
    const run = await runFixture<{ count: number; expected: number }>('plain-atomics-counter.js');
    assertNoRace(run);
    assert.equal(run.result.count, run.result.expected, describeRun(run));
  });

  it('a handoff through postMessage', async () => {
    const run = await runFixture<{ sum: number }>('plain-postmessage-handoff.js');
    assertNoRace(run);
    assert.equal(run.result.sum, 180, describeRun(run));
  });

  it('a handoff through Atomics.store/notify and Atomics.wait, in an ES module', async () => {
    const run = await runFixture<{ flag: number; sum: number }>('plain-wait-notify.mjs');
    assertNoRace(run);
    assert.deepEqual(run.result, { flag: 1, sum: 36 }, describeRun(run));
  });

  it('a spin lock made of compareExchange and store', async () => {
    const run = await runFixture<{ count: number; expected: number }>('plain-spin-lock.js');
    assertNoRace(run);
    assert.equal(run.result.count, run.result.expected, describeRun(run));
  });

  it('mixed: an Interleave main hands a Value and a Lock to plain Workers through workerData', async () => {
    const run = await runFixture<{ total: number; expected: number; messages: string[] }>('plain-mixed.ts');
    assertNoRace(run);
    assert.deepEqual(run.result, { total: 400, expected: 400, messages: ['added 200', 'added 200'] }, describeRun(run));
    assert.deepEqual(run.report?.locks.map((l) => [l.name, l.acquisitions]), [['total-lock', 400]], describeRun(run));
  });

  it('a MessageChannel port handed to a Worker in workerData orders what is said on it', async () => {
    const run = await runFixture('plain-port-transfer.js');
    assertNoRace(run);
    assert.deepEqual(run.report?.queues, [{ name: 'MessageChannel (plain-port-transfer.js:6)', puts: 1, gets: 1 }], describeRun(run));
  });

  it('messages from two producers, each channel counted under queues', async () => {
    const run = await runFixture<{ received: number; perProducerInOrder: boolean }>('plain-two-producers.js');
    assertNoRace(run);
    assert.deepEqual(run.result, { received: 10, perProducerInOrder: true }, describeRun(run));
    assert.deepEqual(run.report?.queues, [
      { name: 'main ⇄ producer-0', puts: 5, gets: 5 },
      { name: 'main ⇄ producer-1', puts: 5, gets: 5 },
    ], describeRun(run));
  });
});
