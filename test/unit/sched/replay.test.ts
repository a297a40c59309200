/**
 * `interleave run SCRIPT --replay TRACE_OR_SCHEDULE`, through the real CLI: a failing schedule
 * found by explore runs again as the same interleaving: the same values printed, the same events
 * in the same order, the same findings, from the trace or from the one-line schedule alike.
 * INTERLEAVE_SCHED_FULL=1 replays 1,000 times (about 9 minutes here); CI replays 20.
 */
import { strict as assert } from 'node:assert';
import { fixturePath } from '../run-fixture';
import { cli, eventOrder, explore, resultLine, scheduleOf, scratchFile } from './explore-cli';

const REPLAYS = process.env.INTERLEAVE_SCHED_FULL === '1' ? 1000 : 20;

describe('interleave run --replay', function () {
  this.timeout(REPLAYS * 5_000 + 120_000);
  it(`reproduces a lost update's final value and event order exactly, ${REPLAYS} of ${REPLAYS} times`, async () => {
    const found = scratchFile('replay-found.itrace');
    const explored = await explore('sched-counter-unlocked', ['--until', 'lost-update', '--runs', '100', '--seed', '21', '--out', found]);
    assert.equal(explored.status, 3, explored.stdout + explored.stderr);
    const expectedOrder = eventOrder(found);
    const schedule = scheduleOf(found).schedule;
    let value: unknown;
    const started = Date.now();
    for (let i = 0; i < REPLAYS; i++) {
      const out = scratchFile(`replay-${i}.itrace`);
      // Half from the trace, half from the one-line schedule.
      const source = i % 2 === 0 ? found : schedule;
      const run = await cli(['run', fixturePath('sched-counter-unlocked'), '--replay', source, '--out', out]);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.doesNotMatch(run.stderr, /left the schedule/);
      const result = resultLine(run.stdout) as { counter: number; expected: number };
      assert.ok(result.counter < result.expected, `replay ${i} lost no update: ${JSON.stringify(result)}`);
      if (i === 0) value = result.counter;
      assert.equal(result.counter, value, `replay ${i}`);
      assert.deepEqual(eventOrder(out), expectedOrder, `replay ${i}: the events differ from the explored run's`);
      assert.equal(scheduleOf(out).schedule, schedule);
    }
    console.log(`      ${REPLAYS} replays in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('is a usage error (64) for a trace made without the scheduler or a malformed schedule', async () => {
    const script = fixturePath('sched-counter-unlocked');
    const free = scratchFile('free.itrace');
    await cli(['run', script, '--out', free]);
    for (const source of [free, 'is1:0.x', 'no-such-file.itrace']) {
      const run = await cli(['run', script, '--replay', source]);
      assert.equal(run.status, 64, `${source}: ${run.stderr}`);
    }
  });
});
