/** Zoom, pan, keyboard, click → detail + reveal, brush → range stats, filters and search. */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Session, frameCount, inspect, launch, openExport, screenshot, waitForFrames } from './browser';
import { raceTrace } from './scenarios';

async function domain(page: Page): Promise<[number, number]> {
  const v = (await inspect(page)).view;
  return [v.t0, v.t1];
}

async function settle(page: Page): Promise<void> {
  await waitForFrames(page, (await frameCount(page)));
  await page.waitForTimeout(50);
}

describe('timeline: interaction (headless Chromium)', function () {
  this.timeout(60000);
  let session: Session;
  let page: Page;
  let errors: string[];
  before(async () => {
    session = await launch();
    ({ page, errors } = await openExport(session, 'interaction', raceTrace().bytes()));
  });
  after(async () => { await session?.close(); });

  it('wheel zooms in at the pointer and drag pans (d3-zoom)', async () => {
    const [a0, b0] = await domain(page);
    const box = (await page.locator('.il-plot').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 150);
    await page.mouse.wheel(0, -400);
    await settle(page);
    const [a1, b1] = await domain(page);
    assert.ok(b1 - a1 < (b0 - a0) * 0.8, `zoomed in: ${b1 - a1} < ${b0 - a0}`);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + 150, { steps: 5 });
    await page.mouse.up();
    await settle(page);
    const [a2, b2] = await domain(page);
    assert.ok(a2 > a1, 'dragging left moves later in time');
    assert.ok(Math.abs((b2 - a2) - (b1 - a1)) < 1e-6 * (b1 - a1) + 1e-9, 'pan keeps the zoom');
  });

  it('the keyboard zooms, pans and fits', async () => {
    await page.focus('.il-plot');
    await page.keyboard.press('0');
    await settle(page);
    const [a0, b0] = await domain(page);
    await page.keyboard.press('+');
    await settle(page);
    const [a1, b1] = await domain(page);
    assert.ok(b1 - a1 < b0 - a0);
    await page.keyboard.press('ArrowRight');
    await settle(page);
    const [a2] = await domain(page);
    assert.ok(a2 > a1);
    await page.keyboard.press('0');
    await settle(page);
    const [a3, b3] = await domain(page);
    assert.ok(Math.abs(a3 - a0) < 1e-9 && Math.abs(b3 - b0) < 1e-9);
    // Controls are labelled and reachable by Tab.
    const unlabeled = await page.$$eval('button, input', (els) => els.filter((e) => {
      const label = e.getAttribute('aria-label') || e.textContent || (e.id && document.querySelector(`label[for="${e.id}"]`));
      return !label;
    }).length);
    assert.equal(unlabeled, 0);
  });

  it('a click on an event shows its detail and posts nothing outside VS Code; Enter on a lane steps through events', async () => {
    const info = await inspect(page);
    const row = info.rows.find((r) => r.key === 'w:1')!;
    const box = (await page.locator('.il-plot').boundingBox())!;
    await page.mouse.click(box.x + 5 * info.view.x.k + info.view.x.b, box.y + row.y + row.h / 2);
    const detail = await page.textContent('.il-detail');
    assert.match(detail ?? '', /Process-1/);
    await page.click('.il-lane-label[data-lane="w:2"]');
    await page.focus('.il-plot');
    let stepped = '';
    for (let i = 0; i < 5 && !/race\.ts:\d+/.test(stepped); i++) {
      await page.keyboard.press(']');
      stepped = (await page.textContent('.il-detail')) ?? '';
    }
    assert.match(stepped, /Process-2/);
    assert.match(stepped, /race\.ts:\d+/);
    assert.doesNotMatch(stepped, /safe counter/, 'a process id is not read as an object id');
  });

  it('brushing the axis shows statistics for the range', async () => {
    const box = (await page.locator('svg.il-axis').boundingBox())!;
    await page.mouse.move(box.x + 60, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x + 400, box.y + 12, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector('.il-range table');
    const text = await page.textContent('.il-range');
    assert.match(text ?? '', /Process-1/);
    assert.match(text ?? '', /events/);
    await screenshot(page, 'interaction-brush');
  });

  it('R shows statistics for the visible range and Shift+R clears them (the brush from the keyboard)', async () => {
    await page.focus('.il-plot');
    await page.keyboard.press('Shift+R');
    await page.waitForSelector('.il-range .il-hint');
    await page.keyboard.press('r');
    await page.waitForSelector('.il-range table');
    assert.match((await page.textContent('.il-range')) ?? '', /Process-1/);
    await page.keyboard.press('Shift+R');
    await page.waitForSelector('.il-range .il-hint');
    assert.equal(await page.locator('.il-range table').count(), 0);
  });

  it('filters hide lanes and categories; search finds markers and lanes', async () => {
    await page.click('.il-filters > summary');
    const before = await page.$$eval('.il-lane-label[data-lane]', (els) => els.length);
    const label = page.locator('.il-filter-lanes label', { hasText: 'worker: Process-2' });
    await label.locator('input').uncheck();
    const after = await page.$$eval('.il-lane-label[data-lane]', (els) => els.map((e) => e.getAttribute('data-lane')));
    assert.equal(after.length, before - 1);
    assert.ok(!after.includes('w:2'));
    await label.locator('input').check();
    await page.locator('#il-cat-memory').uncheck();
    assert.equal(await page.$$eval('.il-lane-memory', (els) => els.length), 0);
    await page.locator('#il-cat-memory').check();
    await page.click('.il-filters > summary');
    await page.fill('#il-search', 'start');
    assert.match((await page.textContent('.il-search-count')) ?? '', /1 mark/);
    await page.fill('#il-search', 'process-1');
    assert.match((await page.textContent('.il-search-count')) ?? '', /1 lane/);
    assert.equal(await page.$$eval('.il-match', (els) => els.length), 1);
    await page.fill('#il-search', '');
    assert.deepEqual(errors, []);
  });
});
