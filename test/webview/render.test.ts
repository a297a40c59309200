/**
 * The exported HTML timeline, opened offline in headless Chromium: lanes, arrows, race marks and
 * the deadlock cycle are read back from the DOM and the canvas; screenshots go to
 * test-results/webview/.
 */
import * as assert from 'node:assert/strict';
/** Flow kinds as webview/model/flows.ts numbers them (the test project does not compile webview/). */
const FlowKind = { LOCK: 1, QUEUE: 2, TASK_SUBMIT: 3, TASK_RESULT: 4 } as const;
import {
  type Session, countPixels, inspect, isOpaque, isQueueBlue, isRaceRed, launch, openExport, pixels, screenshot, showRange,
} from './browser';
import { deadlockTrace, poolTrace, queueTrace, raceTrace } from './scenarios';

describe('timeline: rendering traces (headless Chromium)', function () {
  this.timeout(60000);
  let session: Session;
  before(async () => { session = await launch(); });
  after(async () => { await session?.close(); });

  it('race demo: worker, core, lock and memory lanes, with lost updates marked and joined', async () => {
    const { page, errors, requests } = await openExport(session, 'race', raceTrace().bytes(), { title: 'race demo' });
    const info = await inspect(page);
    const keys = info.rows.map((r) => r.key);
    for (const k of ['util', 'w:0', 'w:1', 'w:2', 'c:1', 'c:2']) assert.ok(keys.includes(k), `row ${k} in ${keys.join(',')}`);
    assert.ok(info.rows.some((r) => r.kind === 'lock'), 'a lock lane');
    assert.ok(info.rows.some((r) => r.kind === 'memory'), 'a memory lane');
    const labels = await page.$$eval('.il-lane-label .il-lane-name', (els) => els.map((e) => e.textContent));
    for (const name of ['MainProcess', 'Process-1', 'Process-2', 'counter', 'counter lock']) assert.ok(labels.includes(name), `label ${name}`);

    const lost = info.findings.find((f) => f.kind === 'lost-update');
    assert.ok(lost, 'a lost-update finding');
    assert.ok(lost.lost > 0 && lost.pairs.length > 0);
    const badge = await page.textContent('.il-badge-race');
    assert.match(badge ?? '', /\d+ lost update/);
    const findingText = await page.textContent('.il-findings');
    assert.match(findingText ?? '', /lost/);
    assert.match(findingText ?? '', /data-race/, 'the embedded analysis report lists the race');

    // Worker lanes are drawn: the bar of Process-1 is mostly painted over its lifetime.
    const w1 = info.rows.find((r) => r.key === 'w:1')!;
    const x = (t: number): number => t * info.view.x.k + info.view.x.b;
    const bar = await pixels(page, x(1), w1.y + w1.h / 2, x(16) - x(1), 1);
    assert.ok(countPixels(bar, isOpaque) > 0.8 * (bar.length / 4), 'Process-1 bar painted');

    // Zoom onto the first race pair: both ends carry a red mark.
    const [ta, tb] = info.pairTimes[0];
    await showRange(page, Math.min(ta, tb) - 0.3, Math.max(ta, tb) + 0.3);
    const z = await inspect(page);
    const zx = (t: number): number => t * z.view.x.k + z.view.x.b;
    const rows = [z.rows.find((r) => r.key === 'w:1')!, z.rows.find((r) => r.key === 'w:2')!];
    let marked = 0;
    for (const t of [ta, tb]) {
      for (const row of rows) {
        const px = await pixels(page, zx(t) - 7, row.y + row.h / 2 - 7, 14, 14);
        if (countPixels(px, isRaceRed) >= 6) marked++;
      }
    }
    assert.ok(marked >= 2, `race marks at both accesses (found ${marked})`);
    // The joining line crosses the gap between the two worker lanes.
    // (A band around the boundary between the two lanes: the join is dashed.)
    const boundary = rows[0].y + rows[0].h;
    const mid = await pixels(page, Math.min(zx(ta), zx(tb)) + 8, boundary - 4, Math.max(1, Math.abs(zx(tb) - zx(ta)) - 16), 8);
    assert.ok(countPixels(mid, isRaceRed) > 3, `race join line drawn between ${ta} and ${tb}: ${countPixels(mid, isRaceRed)}`);
    await screenshot(page, 'race-zoomed');
    await showRange(page, 0, 18);
    await screenshot(page, 'race');
    assert.deepEqual(requests, [], 'no network requests');
    assert.deepEqual(errors, []);
  });

  it('race demo: release→acquire arrows join the lock holder to the waiter it unblocked', async () => {
    const { page, errors } = await openExport(session, 'race-locks', raceTrace().bytes());
    const info = await inspect(page);
    const lockFlows = info.flows.filter((f) => f.kind === FlowKind.LOCK);
    assert.ok(lockFlows.length >= 3, `lock flows: ${lockFlows.length}`);
    for (const f of lockFlows) assert.notEqual(f.srcLane, f.dstLane);
    await showRange(page, 9.5, 15);
    await screenshot(page, 'race-locks');
    assert.deepEqual(errors, []);
  });

  it('queue demo: put→get arrows carry the item sequence numbers', async () => {
    const { page, errors, requests } = await openExport(session, 'queue', queueTrace().bytes(), { title: 'queue demo' });
    const info = await inspect(page);
    const q = info.flows.filter((f) => f.kind === FlowKind.QUEUE);
    assert.deepEqual(q.map((f) => f.label).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6]);
    for (const f of q) assert.equal(f.srcLane, 1, 'put by the producer');
    assert.deepEqual([...new Set(q.map((f) => f.dstLane))].sort(), [2, 3]);
    // Pixels: the arrow of item #1 is drawn between the producer's and consumer-A's lanes.
    const x = (t: number): number => t * info.view.x.k + info.view.x.b;
    const p = info.rows.find((r) => r.key === 'w:1')!;
    const c = info.rows.find((r) => r.key === 'w:2')!;
    const f1 = q.find((f) => f.label === 1)!;
    const region = await pixels(page, x(f1.srcT), p.y + p.h / 2, Math.max(2, x(f1.dstT) - x(f1.srcT)), c.y - p.y);
    assert.ok(countPixels(region, isQueueBlue) > 5, 'queue arrow pixels');
    await screenshot(page, 'queue');
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
  });

  it('pool: task submit→run and end→result arrows, task brackets on the pool workers', async () => {
    const { page, errors } = await openExport(session, 'pool', poolTrace().bytes(), { title: 'pool demo' });
    const info = await inspect(page);
    const submit = info.flows.filter((f) => f.kind === FlowKind.TASK_SUBMIT);
    const result = info.flows.filter((f) => f.kind === FlowKind.TASK_RESULT);
    assert.deepEqual(submit.map((f) => f.label).sort(), [1, 2, 3, 4]);
    assert.deepEqual(result.map((f) => f.label).sort(), [1, 2, 3, 4]);
    for (const f of submit) { assert.equal(f.srcLane, 0); assert.ok(f.dstLane === 1 || f.dstLane === 2); }
    for (const f of result) assert.equal(f.dstLane, 0);
    // The task bracket under PoolWorker-1's bar (task 1 runs 1.0–2.6 ms).
    const w1 = info.rows.find((r) => r.key === 'w:1')!;
    const x = (t: number): number => t * info.view.x.k + info.view.x.b;
    const bracket = await pixels(page, x(1.2), w1.y + w1.h - 5, x(2.4) - x(1.2), 2);
    assert.ok(countPixels(bracket, isOpaque) > 0.8 * (bracket.length / 4), 'task bracket drawn');
    await screenshot(page, 'pool');
    assert.deepEqual(errors, []);
  });

  it('light theme: colours follow the theme (standalone light fallbacks, then --vscode-* variables)', async () => {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    const { htmlPath } = await openExport(session, 'race-light', raceTrace().bytes(), { title: 'race demo (light)' });
    await page.goto(`file://${htmlPath}`);
    await page.waitForFunction(() => document.querySelector('.il-app') !== null && Number(document.querySelector('.il-app')!.getAttribute('data-frames')) > 0);
    // (the page's colours are the app's: .il-app covers the page and carries the theme kind)
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.il-app')!).backgroundColor);
    assert.equal(bg, 'rgb(255, 255, 255)');
    await screenshot(page, 'race-light');
    // A VS Code theme's variables win over the fallbacks (here: a high-contrast-like background).
    // (VS Code sets its variables on <html> and the theme class on <body>.)
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-editor-background', 'rgb(0, 0, 0)');
      document.documentElement.style.setProperty('--vscode-charts-green', 'rgb(0, 255, 0)');
      document.body.className = 'vscode-high-contrast';
    });
    await page.waitForTimeout(100);
    const info = await inspect(page);
    const w1 = info.rows.find((r) => r.key === 'w:1')!;
    const x = 5 * info.view.x.k + info.view.x.b;
    const px = await pixels(page, x, w1.y + w1.h / 2, 1, 1);
    assert.deepEqual(px.slice(0, 3), [0, 255, 0], 'running is drawn in the theme colour after a theme change');
    await screenshot(page, 'race-high-contrast');
    await page.close();
  });

  it('deadlock: the cycle is highlighted on both waiters and listed as a finding', async () => {
    const { page, errors } = await openExport(session, 'deadlock', deadlockTrace().bytes());
    const info = await inspect(page);
    const dl = info.findings.find((f) => f.kind === 'deadlock');
    assert.ok(dl, 'deadlock finding');
    assert.match(dl.message, /Process-1 waits for lock B.*held by Process-2/);
    const badges = await page.$$eval('.il-badge-deadlock', (els) => els.map((e) => e.textContent));
    assert.ok(badges.length >= 2, `deadlock badges: ${badges.join(',')}`);
    const x = (t: number): number => t * info.view.x.k + info.view.x.b;
    const w1 = info.rows.find((r) => r.key === 'w:1')!;
    const outline = await pixels(page, x(3), w1.y + 3, 4, w1.h - 6);
    assert.ok(countPixels(outline, isRaceRed) >= 2, 'waiting span outlined');
    await screenshot(page, 'deadlock');
    assert.deepEqual(errors, []);
  });
});
