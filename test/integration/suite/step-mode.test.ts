/**
 * Step mode in a real VS Code: "Step Through Interleaving" on a file whose two workers each do
 * `counter.value += 1` without a lock. The user is the scheduler: at each choice the timeline's
 * step panel offers the threads that can move (each with its next operation and line) and the
 * shared values. Driven here as the panel's buttons drive it (the same message, through the same
 * checks): build the lost update by hand (Process-1 reads, Process-2 reads, Process-1 writes,
 * Process-2 writes: the counter ends at 1 of 2, a lost-update finding), undo back to the two
 * writes (the counter shows 0 again), and build it again. Each view is checked as the page
 * acknowledged showing it, not only as the runner sent it.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { StepThread, StepView } from '../../../src/shared/step-protocol';
import { api, codeLensTitles, waitFor, workspaceFile } from './helpers';

interface Outcome {
  exitStatus: number;
  result: string;
  findings: { kind: string }[];
}

type Want = { name: string; op: string };

const valueText = (view: StepView, name: string): string | undefined => view.values.find((v) => v.name === name)?.values[0];

/** The next view the runner sends after `previous`, once the page has shown it. */
async function nextView(previous: StepView | undefined): Promise<StepView> {
  const a = await api();
  return waitFor('the next step view, shown in the page', () => {
    const view = a.stepView();
    const shown = a.panelCounters()?.stepShown;
    if (!view || view === previous || !shown) return undefined;
    const values = view.values.map((v) => `${v.name} = ${v.values[0]}`);
    const same = shown.index === view.index && shown.ended === (view.ended !== null) && JSON.stringify(shown.values) === JSON.stringify(values)
      && shown.threads.length === view.threads.length;
    return same ? view : undefined;
  }, 30_000);
}

async function answer(message: unknown): Promise<void> {
  assert.equal((await api()).postFromTimeline({ type: 'step', answer: message }), true, 'no timeline panel to answer from');
}

/** At each choice: the next wanted step when its thread can take it, else a thread not about to touch the counter. */
function pick(view: StepView, wanted: Want[]): StepThread {
  const want = wanted[0];
  const hit = want && view.threads.find((t) => t.name === want.name && t.op === want.op && t.object === 'counter');
  if (hit) {
    wanted.shift();
    return hit;
  }
  const other = view.threads.find((t) => t.object !== 'counter');
  assert.ok(other, `no way on: wanted ${JSON.stringify(want)}, can move ${JSON.stringify(view.threads)}`);
  return other;
}

async function build(first: StepView, wanted: Want[]): Promise<StepView> {
  let view = first;
  for (let guard = 0; !view.ended; guard++) {
    assert.ok(guard < 50, 'too many choices');
    await answer({ action: 'pick', pid: pick(view, wanted).pid });
    view = await nextView(view);
  }
  return view;
}

describe('Step mode', function () {
  this.timeout(180_000);

  it('is offered by a lens above main, beside Find a failing interleaving', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('step-counter.ts'));
    const titles = await waitFor('lenses', async () => {
      const t = await codeLensTitles(doc.uri);
      return t.length > 0 ? t : undefined;
    });
    assert.ok(titles.some((t) => t.title === 'Step through interleaving'), JSON.stringify(titles));
  });

  it('builds the lost update by hand, undoes it, and builds it again', async () => {
    const session = vscode.commands.executeCommand<Outcome | undefined>('interleave.stepThroughInterleaving', workspaceFile('step-counter.ts'));
    let view = await nextView(undefined);
    assert.equal(valueText(view, 'counter'), '0');
    assert.equal(view.canUndo, false);

    // By hand: P1 reads, P2 reads, P1 writes, P2 writes. `counter.value += 1` is a read and a write.
    let sawRead: StepThread | undefined;
    const wanted: Want[] = [
      { name: 'Process-1', op: 'read' }, { name: 'Process-2', op: 'read' }, { name: 'Process-1', op: 'write' }, { name: 'Process-2', op: 'write' },
    ];
    for (let guard = 0; !view.ended; guard++) {
      assert.ok(guard < 50, 'too many choices');
      sawRead ??= view.threads.find((t) => t.op === 'read' && t.object === 'counter');
      await answer({ action: 'pick', pid: pick(view, wanted).pid });
      view = await nextView(view);
    }
    assert.ok(sawRead, 'a read of the counter was never offered');
    assert.equal(sawRead.line, 5, 'the line of `counter.value += 1`');
    assert.match(sawRead.file ?? '', /step-counter\.ts$/);
    assert.equal(view.ended?.result, 'ok');
    assert.equal(valueText(view, 'counter'), '1', 'the lost update leaves 1 of 2');
    assert.ok(view.ended?.findings.some((f) => f.kind === 'lost-update'), JSON.stringify(view.ended?.findings));
    assert.ok((await api()).panelCounters()?.stepShown?.values.includes('counter = 1'));

    // Undo back to where both workers are about to write: both have read 0, the counter is 0 again.
    for (let guard = 0; ; guard++) {
      assert.ok(guard < 20, 'undo never got back to the two writes');
      await answer({ action: 'undo' });
      view = await nextView(view);
      assert.equal(view.ended, null);
      const writers = view.threads.filter((t) => t.op === 'write' && t.object === 'counter');
      if (writers.length === 2) break;
    }
    assert.equal(valueText(view, 'counter'), '0');
    assert.deepEqual((await api()).panelCounters()?.stepShown?.values, ['counter = 0']);

    // Again, the other writer first: the same lost update.
    view = await build(view, [{ name: 'Process-2', op: 'write' }]);
    assert.equal(valueText(view, 'counter'), '1');
    assert.ok(view.ended?.findings.some((f) => f.kind === 'lost-update'));

    // Finish: the session ends with that run, its findings in the Problems panel as any run's.
    await answer({ action: 'stop' });
    const outcome = await session;
    assert.ok(outcome, 'the command returned nothing');
    assert.equal(outcome.exitStatus, 0, JSON.stringify(outcome));
    assert.ok(outcome.findings.some((f) => f.kind === 'lost-update'), JSON.stringify(outcome.findings));
    assert.equal((await api()).stepView(), undefined, 'the session is over');
  });
});
