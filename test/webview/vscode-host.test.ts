/**
 * The webview as VS Code hosts it: acquireVsCodeApi present, messages of src/shared/protocol.ts.
 * A live run streams in batches (appended without a full redraw when the view stays), a report
 * adds findings, clicks post `reveal`, and the saved state restores the view after a reload.
 */
import * as assert from 'node:assert/strict';
import { RECORD_SLOTS } from '../../src/shared/events';
import { parseTrace } from '../../src/shared/trace-file';
import { type Session, frameCount, inspect, launch, openHosted, pixels, posted, screenshot, send, waitForFrames } from './browser';
import { raceTrace } from './scenarios';


/** The race trace cut into time-ordered batches, as the runner would stream it. */
function batches(parts: number): { header: unknown; strings: [number, string][]; chunks: Float64Array[]; footer: unknown } {
  const parsed = parseTrace(raceTrace().bytes());
  const n = parsed.events.length / RECORD_SLOTS;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => parsed.events[a * 8] - parsed.events[b * 8]);
  const sorted = new Float64Array(parsed.events.length);
  order.forEach((from, to) => sorted.set(parsed.events.subarray(from * 8, from * 8 + 8), to * 8));
  const chunks: Float64Array[] = [];
  const per = Math.ceil(n / parts);
  for (let i = 0; i < n; i += per) chunks.push(sorted.slice(i * 8, Math.min(n, i + per) * 8));
  return { header: parsed.header, strings: [...parsed.strings], chunks, footer: parsed.footer };
}

describe('timeline: hosted in VS Code (protocol, live, state)', function () {
  this.timeout(60000);
  let session: Session;
  before(async () => { session = await launch(); });
  after(async () => { await session?.close(); });

  it('says ready, streams a live run, appends batches, takes a report and the finish', async () => {
    const { page, errors } = await openHosted(session, 'vscode-host');
    await page.waitForFunction(() => (globalThis as unknown as { __posted: unknown[] }).__posted.length > 0);
    assert.deepEqual((await posted(page))[0], { type: 'ready' });
    const run = batches(16);
    await send(page, { type: 'start', header: run.header, title: 'race (live)' });
    await send(page, { type: 'batch', strings: run.strings, events: run.chunks[0] });
    await waitForFrames(page, 1);
    assert.equal(await page.isChecked('#il-follow'), true, 'follows a live run');
    let info = await inspect(page);
    assert.ok(info.rows.some((r) => r.key === 'w:1'));
    await send(page, { type: 'batch', strings: [], events: run.chunks[1] });
    await waitForFrames(page, (await frameCount(page)));
    info = await inspect(page);
    const end1 = run.chunks[1][run.chunks[1].length - 8];
    assert.ok(Math.abs(info.view.t1 - end1) < 1e-6, `view pinned to the end while following (${info.view.t1} vs ${end1})`);
    assert.ok((await page.textContent('.il-gutter'))?.includes('● live'));

    // Stop following (a user zoom), then a batch later in time redraws only what it changed.
    const box = (await page.locator('.il-plot').boundingBox())!;
    await page.mouse.move(box.x + 50, box.y + 100);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(100);
    assert.equal(await page.isChecked('#il-follow'), false, 'a user zoom stops following');
    // Follow again: later batches move the view; what is drawn is shifted, not redrawn (a batch
    // that adds a lane, or moves the view by more than its width, is drawn in full).
    await page.check('#il-follow');
    const lastFrame = (): Promise<string | null> => page.evaluate(() => document.querySelector('.il-app')!.getAttribute('data-last-frame'));
    const kinds: (string | null)[] = [];
    let compared = false;
    for (let i = 2; i < run.chunks.length - 1; i++) {
      const frames = await frameCount(page);
      await send(page, { type: 'batch', strings: [], events: run.chunks[i] });
      await waitForFrames(page, frames + 1);
      kinds.push(await lastFrame());
      if (kinds[kinds.length - 1] !== 'shift' || compared) continue;
      // The shifted frame matches a full redraw of the same view (up to sub-pixel rounding).
      compared = true;
      info = await inspect(page);
      const shifted = await pixels(page, 0, 0, info.view.width, info.view.height);
      await page.evaluate(() => {
        const app = (globalThis as unknown as { __interleave: { app: { invalidate(w: { structural: boolean }): void; frame(): number } } }).__interleave.app;
        app.invalidate({ structural: true });
        app.frame();
      });
      const full = await pixels(page, 0, 0, info.view.width, info.view.height);
      let differ = 0;
      for (let p = 0; p < full.length; p += 4) {
        if (Math.abs(full[p] - shifted[p]) + Math.abs(full[p + 1] - shifted[p + 1]) + Math.abs(full[p + 2] - shifted[p + 2]) + Math.abs(full[p + 3] - shifted[p + 3]) > 60) differ++;
      }
      assert.ok(differ < 0.03 * (full.length / 4), `shifted vs full redraw: ${differ} of ${full.length / 4} pixels differ`);
    }
    assert.ok(compared, `followed batches shift the drawing (${kinds.join(',')})`);
    assert.ok(kinds.filter((k) => k === 'shift').length >= kinds.length / 2, kinds.join(','));

    // Not following: the last batch (no new lane) redraws only the time it changed.
    await page.uncheck('#il-follow');
    await page.mouse.move(box.x + 50, box.y + 100);
    await page.mouse.wheel(0, -100);
    await waitForFrames(page, await frameCount(page));
    const frames = await frameCount(page);
    await send(page, { type: 'batch', strings: [], events: run.chunks[run.chunks.length - 1] });
    await waitForFrames(page, frames + 1);
    assert.equal(await lastFrame(), 'clip', 'appended without a full redraw');

    // A malformed message is ignored.
    await send(page, { type: 'batch', strings: [], events: [1, 2, 3] });
    await send(page, { type: 'nonsense' });
    await send(page, { type: 'finished', footer: run.footer, exitStatus: 0 });
    await page.waitForFunction(() => /result: ok/.test(document.querySelector('.il-status')!.textContent || ''));
    assert.doesNotMatch((await page.textContent('.il-gutter')) ?? '', /● live/);

    // The analysis report: findings by name, tied back to the accesses in the trace.
    await send(page, {
      type: 'report',
      report: {
        result: 'ok',
        findings: [{
          kind: 'data-race', message: 'data race on counter between Process-1 and Process-2',
          objects: ['counter'], processes: ['Process-1', 'Process-2'],
          locations: [{ file: '/home/user/demos/race.ts', line: 8 }],
        }],
      },
    });
    await page.waitForFunction(() => /data race on counter/.test(document.querySelector('.il-findings')!.textContent || ''));
    info = await inspect(page);
    const race = info.findings.find((f) => f.kind === 'data-race');
    assert.ok(race && race.pairs.length === 1, 'the report finding is resolved to a pair of accesses');
    await page.click('.il-finding >> text=data race on counter');
    await page.focus('.il-plot');
    await page.keyboard.press('Enter');
    const reveal = (await posted(page)).find((m) => m.type === 'reveal');
    assert.ok(reveal, 'Enter on a race posts reveal');
    assert.equal(reveal.file, '/home/user/demos/race.ts');
    assert.equal(reveal.line, 8);
    await page.keyboard.press('0');
    await screenshot(page, 'vscode-live');
    assert.deepEqual(errors, []);
  });

  it('a click selects and shows the details without leaving the timeline; a double-click posts reveal {file, line}; the state saved with setState restores the view', async () => {
    const { page } = await openHosted(session, 'vscode-host');
    const trace = raceTrace().bytes();
    await send(page, { type: 'load', trace, title: 'race' });
    await waitForFrames(page, 1);
    let info = await inspect(page);
    const row = info.rows.find((r) => r.key === 'w:1')!;
    const box = (await page.locator('.il-plot').boundingBox())!;
    // Click Process-1's first write tick (race.ts:8).
    const t = 1.15;
    const at = { x: box.x + t * info.view.x.k + info.view.x.b, y: box.y + row.y + 3 };
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => (document.querySelector('.il-detail-title') !== null));
    await page.waitForTimeout(100);
    assert.ok(!(await posted(page)).some((m) => m.type === 'reveal'), 'a single click opens nothing');
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'reveal'));
    const reveal = (await posted(page)).find((m) => m.type === 'reveal')!;
    assert.equal(reveal.file, '/home/user/demos/race.ts');
    assert.equal(reveal.line, 8);

    await page.evaluate(() => (globalThis as unknown as { __interleave: { app: { showRange(a: number, b: number): void } } }).__interleave.app.showRange(2, 6));
    await page.waitForFunction(() => {
      const s = (globalThis as unknown as { __state: { view: { t0: number } | null } | undefined }).__state;
      return s !== undefined && s.view !== null && Math.abs(s.view.t0 - 2) < 1e-6;
    });
    const state = await page.evaluate(() => (globalThis as unknown as { __state: { view: { t0: number; t1: number } } }).__state);
    assert.ok(Math.abs(state.view.t0 - 2) < 1e-6 && Math.abs(state.view.t1 - 6) < 1e-6, JSON.stringify(state));
    const stateMsg = [...(await posted(page))].reverse().find((m) => m.type === 'state');
    assert.deepEqual(stateMsg?.state, state);
    await page.close();

    // "Reload": a new webview with that state, and the host sends the trace again.
    const again = await openHosted(session, 'vscode-host', state);
    await send(again.page, { type: 'load', trace, title: 'race' });
    await waitForFrames(again.page, 1);
    info = await inspect(again.page);
    assert.ok(Math.abs(info.view.t0 - 2) < 1e-6 && Math.abs(info.view.t1 - 6) < 1e-6, `restored view ${info.view.t0}..${info.view.t1}`);
  });
});
