/**
 * Step mode's panel as VS Code hosts it (webview/ui/step-panel.ts): a step view shows a button
 * per thread that can move (its next operation and line beside it) and the shared values; a
 * button posts its answer once (the panel then waits for the next view); a value that changed
 * is marked; Undo posts undo; the session's end hides the panel; a malformed view is ignored.
 */
import * as assert from 'node:assert/strict';
import type { StepView } from '../../src/shared/step-protocol';
import { type Session, launch, openHosted, posted, screenshot, send } from './browser';


function view(index: number, counter: string, writer: 'read' | 'write'): StepView {
  return {
    index, schedule: 'is1:1', canUndo: index > 0, ended: null,
    threads: [
      { pid: 1, name: 'Process-1', op: writer, object: 'counter', file: '/w/counter.ts', line: 6 },
      { pid: 2, name: 'Process-2', op: 'read', object: 'counter', file: '/w/counter.ts', line: 6 },
    ],
    values: [{ name: 'counter', kind: 'Value', values: [counter] }],
  };
}

describe('timeline: the step panel (step mode)', function () {
  this.timeout(60_000);
  let session: Session;
  before(async () => { session = await launch(); });
  after(async () => { await session?.close(); });

  it('offers a button per thread that can move, posts the pick once, marks a changed value, undoes, and goes at the end', async () => {
    const { page, errors } = await openHosted(session, 'step-panel');
    await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    assert.equal(await page.isVisible('.il-step'), false, 'hidden until a step session');

    await send(page, { type: 'step', view: view(0, '0', 'read') });
    await page.waitForSelector('.il-step:not([hidden])');
    assert.deepEqual(await page.$$eval('.il-step-move', (bs) => bs.map((b) => b.textContent)), ['Process-1', 'Process-2']);
    assert.deepEqual(await page.$$eval('.il-step-op', (s) => s.map((e) => e.textContent)), ['read counter', 'read counter']);
    assert.deepEqual(await page.$$eval('.il-step-loc', (s) => s.map((e) => e.textContent)), ['counter.ts:6', 'counter.ts:6']);
    assert.equal(await page.isDisabled('.il-step-undo'), true, 'nothing to undo at the first choice');
    const shown = (await posted(page)).filter((m) => m.type === 'stepShown');
    assert.deepEqual(shown.at(-1), { type: 'stepShown', index: 0, ended: false, threads: ['Process-1 read counter at counter.ts:6', 'Process-2 read counter at counter.ts:6'], values: ['counter = 0'] });

    await page.click('.il-step-move[data-pid="1"]');
    await page.click('.il-step-move[data-pid="2"]', { force: true }).catch(() => undefined); // disabled: no second answer
    const answers = (await posted(page)).filter((m) => m.type === 'step');
    assert.deepEqual(answers, [{ type: 'step', answer: { action: 'pick', pid: 1 } }]);

    await send(page, { type: 'step', view: view(1, '1', 'write') });
    await page.waitForSelector('.il-step-changed');
    assert.equal(await page.textContent('.il-step-changed .il-step-value'), '1');
    await screenshot(page, 'step-panel');
    await page.click('.il-step-undo');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'step').at(-1), { type: 'step', answer: { action: 'undo' } });

    await send(page, { type: 'step', view: { ...view(1, '0', 'write'), threads: [{ pid: -3, name: 'x', op: 'read' }] } });
    await send(page, { type: 'stepEnd' });
    await page.waitForSelector('.il-step', { state: 'hidden' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
