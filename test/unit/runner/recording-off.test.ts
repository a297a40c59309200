/**
 * INTERLEAVE_RECORDING=off, the baseline of the benchmarks' tracing_slowdown: the same runtime runs
 * the program with a recorder that records nothing. For the figure to mean "what recording costs",
 * the program must behave exactly as with recording on (locks exclude, Atomics count, a deadlock is
 * still found from shared memory) while the trace gets none of the threads' events.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture, type FixtureRun } from '../run-fixture';

describe('a run with recording off (INTERLEAVE_RECORDING=off, the benchmarks\' baseline)', () => {
  const saved = process.env.INTERLEAVE_RECORDING;
  let locked: FixtureRun<{ counter: number; expected: number }>;
  let atomics: FixtureRun<{ count: number; expected: number }>;
  let deadlock: FixtureRun<unknown>;

  before(async () => {
    // run-fixture spawns the CLI with this process's environment.
    process.env.INTERLEAVE_RECORDING = 'off';
    try {
      locked = await runFixture('counter-locked');
      atomics = await runFixture('plain-atomics-counter.js');
      deadlock = await runFixture('deadlock-ab-ba', { timeoutMs: 60_000 });
    } finally {
      if (saved === undefined) delete process.env.INTERLEAVE_RECORDING;
      else process.env.INTERLEAVE_RECORDING = saved;
    }
  });

  it('keeps the API\'s semantics: a locked counter ends exact, an Atomics counter counts every add', () => {
    assert.equal(locked.status, 0, describeRun(locked));
    assert.deepEqual(locked.result, { counter: 4000, expected: 4000 }, describeRun(locked));
    assert.equal(atomics.status, 0, describeRun(atomics));
    assert.deepEqual(atomics.result, { count: 10000, expected: 10000 }, describeRun(atomics));
  });

  it('records none of the threads\' events: no lock acquisition, no access, no event in the trace', () => {
    assert.equal(locked.report?.events, 0, describeRun(locked));
    assert.deepEqual(locked.report?.locks, [], describeRun(locked));
    assert.equal(atomics.report?.events, 0, describeRun(atomics));
  });

  it('still stops a deadlock (the detector reads shared memory, not events): exit 2', () => {
    assert.equal(deadlock.status, 2, describeRun(deadlock));
    assert.equal(deadlock.report?.result, 'deadlock', describeRun(deadlock));
    assert.deepEqual(deadlock.leftovers, []);
  });
});
