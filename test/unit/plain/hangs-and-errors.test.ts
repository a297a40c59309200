/**
 * Plain programs that hang or fail: two workers each waiting forever on the other's flag are a
 * deadlock (under plain node they hang forever), found within 10 s with both named; a worker's
 * unhandled error fails the run with its message; a handled one does not.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture } from '../run-fixture';
import { lineOf } from './plain-helpers';

describe('hangs and errors in plain programs', function () {
  this.timeout(60_000);

  it('two workers waiting forever on each other\'s flag: a deadlock naming both, within 10 s', async () => {
    const run = await runFixture('plain-deadlock.js', { timeoutMs: 30_000 });
    const context = describeRun(run);
    assert.equal(run.status, 2, context);
    assert.ok(run.elapsedMs < 10_000, `took ${run.elapsedMs} ms\n${context}`);
    assert.equal(run.report?.result, 'deadlock', context);
    const deadlock = run.report?.findings.find((f) => f.kind === 'deadlock');
    assert.ok(deadlock, context);
    assert.ok(deadlock.processes.includes('left') && deadlock.processes.includes('right'), context);
    assert.match(deadlock.message, /left waits for flags at byte 4 \(Atomics\.wait\)/, context);
    assert.match(deadlock.message, /right waits for flags at byte 0 \(Atomics\.wait\)/, context);
    const line = lineOf('plain-deadlock.js', 'Atomics.wait(');
    assert.ok(deadlock.locations.some((l) => l.line === line), context);
    assert.deepEqual(run.leftovers, [], context);
  });

  it('a worker\'s unhandled error fails the run with its message (exit 1)', async () => {
    const run = await runFixture('plain-worker-error.js');
    const context = describeRun(run);
    assert.equal(run.status, 1, context);
    assert.equal(run.report?.result, 'error', context);
    const errors = run.report?.findings.filter((f) => f.kind === 'worker-error') ?? [];
    assert.equal(errors.length, 1, context);
    assert.match(errors[0]!.message, /^worker-1 failed at plain-worker-error\.js:\d+: Error: the worker broke/, context);
    assert.deepEqual(errors[0]!.processes, ['worker-1', 'main'], context);
  });

  it('an error the program handled (an \'error\' listener) is kept but is not a failure', async () => {
    const run = await runFixture<{ handled: string }>('plain-worker-error-handled.js');
    const context = describeRun(run);
    assert.equal(run.status, 0, context);
    assert.equal(run.report?.result, 'ok', context);
    assert.deepEqual(run.report?.findings.filter((f) => f.kind === 'worker-error'), [], context);
    assert.match(run.report?.processes.find((p) => p.name === 'worker-1')?.error ?? '', /the worker broke/, context);
    assert.deepEqual(run.result, { handled: 'the worker broke' }, context);
  });
});
