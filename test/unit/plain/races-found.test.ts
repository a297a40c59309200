/**
 * Races in plain programs are found with both lines and both threads, and lost updates counted
 * exactly: two workers incrementing one Int32 slot of a SharedArrayBuffer with `+= 1`.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture } from '../run-fixture';
import { lineOf } from './plain-helpers';

describe('races in plain programs', function () {
  this.timeout(60_000);

  it('a data race on a SharedArrayBuffer slot is found, with the racing line and both workers', async () => {
    const run = await runFixture<{ count: number; expected: number }>('plain-racing-counter.js');
    const context = describeRun(run);
    assert.equal(run.status, 0, context);
    assert.ok(run.report, context);
    const line = lineOf('plain-racing-counter.js', 'counter[0] += 1');
    const races = run.report.findings.filter((f) => f.kind === 'data-race');
    assert.ok(races.length > 0, `no data-race finding\n${context}`);
    const between = races.find((f) => f.processes.includes('worker-1') && f.processes.includes('worker-2'));
    assert.ok(between, `no race between worker-1 and worker-2\n${context}`);
    assert.deepEqual(between.objects, ['counter'], context);
    assert.ok(between.locations.some((l) => l.file.endsWith('plain-racing-counter.js') && l.line === line), `the race does not point at line ${line}\n${context}`);
    assert.match(between.message, /counter\[0\]/, context);
  });

  it('views of one buffer are one memory: an unaligned DataView write and a byte read of it race; neighbours do not', async () => {
    const run = await runFixture<{ big: string; float: number }>('plain-views.js');
    const context = describeRun(run);
    assert.equal(run.status, 0, context);
    assert.deepEqual(run.result, { big: '5', float: 1.5 }, context);
    const races = run.report?.findings.filter((f) => f.kind === 'data-race') ?? [];
    assert.equal(races.length, 1, context);
    assert.match(races[0]!.message, /^Data race on shared byte 8: /, context);
    assert.deepEqual([...races[0]!.processes].sort(), ['reader', 'writer'], context);
    const lines = races[0]!.locations.map((l) => l.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [lineOf('plain-views.js', 'setInt32(6'), lineOf('plain-views.js', 'Uint8Array(shared)[8]')], context);
  });

  it('the lost updates are counted exactly: increments minus what arrived', async () => {
    const run = await runFixture<{ count: number; expected: number }>('plain-racing-counter.js');
    const context = describeRun(run);
    const lost = run.report?.findings.find((f) => f.kind === 'lost-update');
    if (run.result.count === run.result.expected) {
      // This run happened to lose nothing: then nothing may be reported lost.
      assert.equal(lost, undefined, context);
      return;
    }
    assert.ok(lost, `updates were lost (${run.result.count} of ${run.result.expected}) but none reported\n${context}`);
    const missing = run.result.expected - run.result.count;
    assert.match(lost.message, new RegExp(`${run.result.expected} increments, ${run.result.count} arrived: ${missing} lost`), context);
  });
});
