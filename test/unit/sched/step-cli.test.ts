/**
 * `interleave run SCRIPT --step` through the real CLI, typed at as a terminal user would: the user
 * is the scheduler. `v.value += 1` is two points (its read, its write), so the lost update is built
 * by hand: Process-1 reads, Process-2 reads, Process-1 writes, Process-2 writes, and the counter
 * ends at 1 of 2 with a lost-update finding. Undo reruns the choices minus the last and shows the
 * values as they were; built again, the same end. Looking at the values adds no scheduling point:
 * the step run's events are a replay's of the same schedule, one for one.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { parseTrace } from '../../../src/shared/trace-file';
import { fixturePath } from '../run-fixture';
import { cli, eventOrder, resultLine, scheduleOf, scratchFile } from './explore-cli';
import { StepDriver, nextPick, type PrintedView } from './step-driver';

const LOST_UPDATE = () => [
  { name: 'Process-1', doing: 'read counter' },
  { name: 'Process-2', doing: 'read counter' },
  { name: 'Process-1', doing: 'write counter' },
  { name: 'Process-2', doing: 'write counter' },
];

/** Slots that hold string ids, per kind: step mode interns each point's line, so the ids shift. */
const STRING_SLOTS: Record<number, number[]> = { [EventKind.OBJ_CREATE]: [5], [EventKind.PROC_START]: [4, 5], [EventKind.PROC_EXIT]: [5] };

/** eventOrder with string ids written as their text. */
function programOrder(tracePath: string): string[] {
  const trace = parseTrace(readFileSync(tracePath));
  const texts = new Map<string, string>();
  for (let i = 0; i < trace.events.length; i += RECORD_SLOTS) {
    for (const slot of STRING_SLOTS[trace.events[i + 1]!] ?? []) texts.set(String(trace.events[i + slot]), trace.strings.get(trace.events[i + slot]!) ?? '-');
  }
  return eventOrder(tracePath).map((row) => {
    const parts = row.split(' ');
    const slots = STRING_SLOTS[Number(parts[0])] ?? [];
    for (const slot of slots) parts[slot - 1] = `"${texts.get(parts[slot - 1]!) ?? parts[slot - 1]}"`;
    return parts.join(' ');
  });
}

/** Answers views by `wanted` until the run ends; returns the end's view. */
async function buildBy(driver: StepDriver, first: PrintedView, wanted: { name: string; doing: string }[]): Promise<PrintedView> {
  let view = first;
  for (let guard = 0; !view.ended; guard++) {
    assert.ok(guard < 50, 'too many choices');
    assert.deepEqual(view.refusals, []);
    driver.answer(String(nextPick(view, wanted, 'counter')));
    view = await driver.view();
  }
  assert.deepEqual(wanted, [], 'the run ended before the wanted steps were all taken');
  return view;
}

describe('interleave run --step', function () {
  this.timeout(120_000);

  it('builds the lost update by hand, undoes it back to the two writes, and builds it again', async () => {
    const out = scratchFile('step.itrace');
    const driver = new StepDriver([fixturePath('sched-step-counter'), '--out', out, '--no-html']);
    try {
      let view = await driver.view();
      assert.equal(view.values.get('counter'), '0');
      assert.equal(view.ended, null);
      // Each thread that can move is shown with what it is about to do and its line.
      const reads: PrintedView[] = [];
      const wanted = LOST_UPDATE();
      for (let guard = 0; !view.ended; guard++) {
        assert.ok(guard < 50);
        if (view.movers.some((m) => m.doing === 'read counter')) reads.push(view);
        driver.answer(String(nextPick(view, wanted, 'counter')));
        view = await driver.view();
      }
      const read = reads[0]!.movers.find((m) => m.doing === 'read counter')!;
      assert.equal(read.line, 6, 'the line of `counter.value += 1`');
      assert.equal(view.ended, 'ok');
      assert.equal(view.values.get('counter'), '1', 'the lost update leaves 1 of 2');
      assert.ok(view.findings.includes('lost-update'), JSON.stringify(view.findings));

      // Undo until both workers are about to write: the counter shows 0 again (both read 0).
      for (let guard = 0; ; guard++) {
        assert.ok(guard < 20, 'undo never got back to the two writes');
        driver.answer('u');
        view = await driver.view();
        assert.equal(view.ended, null);
        const writers = view.movers.filter((m) => m.doing === 'write counter').map((m) => m.name).sort();
        if (writers.length === 2) {
          assert.deepEqual(writers, ['Process-1', 'Process-2']);
          break;
        }
      }
      assert.equal(view.values.get('counter'), '0', 'the undone write is undone in the values too');

      // Built again, the other writer first this time (Process-1's write is then no choice: it is
      // the only thread left that can move): the same lost update.
      const end = await buildBy(driver, view, [{ name: 'Process-2', doing: 'write counter' }]);
      assert.equal(end.values.get('counter'), '1');
      assert.ok(end.findings.includes('lost-update'));
      driver.answer('q');
      assert.equal(await driver.exited, 0, driver.stdout + driver.stderr);
      assert.deepEqual(resultLine(driver.stdout.slice(driver.stdout.lastIndexOf('RESULT '))), { counter: 1, expected: 2 });

      // Looking added no point: a replay of the schedule has the same points and the same events.
      const replayed = scratchFile('step-replay.itrace');
      const replay = await cli(['run', fixturePath('sched-step-counter'), '--replay', out, '--out', replayed, '--no-html']);
      assert.equal(replay.status, 0, replay.stdout + replay.stderr);
      assert.deepEqual(resultLine(replay.stdout), { counter: 1, expected: 2 });
      assert.equal(scheduleOf(replayed).points, scheduleOf(out).points);
      assert.equal(scheduleOf(replayed).schedule, scheduleOf(out).schedule);
      assert.deepEqual(programOrder(replayed), programOrder(out));
    } finally {
      driver.kill();
    }
  });

  it('refuses a thread that cannot move and an undo with nothing to take back, and asks again', async () => {
    const driver = new StepDriver([fixturePath('sched-step-counter'), '--out', scratchFile('step-refuse.itrace'), '--no-html']);
    try {
      const first = await driver.view();
      driver.answer('u');
      driver.answer('77');
      driver.answer(String(first.movers[0]!.pid));
      const next = await driver.view();
      assert.equal(next.refusals.length, 2, driver.stdout);
      assert.match(next.refusals.join('\n'), /nothing to undo/);
      assert.match(next.refusals.join('\n'), /pid 77 cannot move now/);
      driver.answer('q');
      assert.equal(await driver.exited, 1, 'stopped by the user: the run did not end');
      assert.match(driver.stdout, /stopped by the user/);
    } finally {
      driver.kill();
    }
  });

  it('ends the session when its input ends (a closed terminal), keeping the trace', async () => {
    const out = scratchFile('step-eof.itrace');
    const run = await cli(['run', fixturePath('sched-step-counter'), '--step', '--out', out, '--no-html']);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /stopped by the user/);
    assert.match(run.stdout, /trace: /);
  });
});
