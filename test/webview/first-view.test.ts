/**
 * The timeline as a user first sees it (issue 12 §1–2): every demo run by the real runner,
 * exported by the CLI, opened at 1280×800 in headless Chromium. The first view frames the
 * workers' activity (at most 20% of its width before the first worker starts, all of the rest
 * in view), and the plot keeps at least half of the page's width at every width from 300 px.
 * The first views are saved as the README's screenshots (docs/screenshots/).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, RESULTS, type Session, countPixels, inspect, isRaceRed, launch, pixels, waitForFrames, webviewBundle } from './browser';

const CLI = join(ROOT, 'dist', 'cli.js');
// The README's images are refreshed on request (UPDATE_DOC_SCREENSHOTS=1), so an ordinary run
// leaves the repository's files as they are; otherwise they go to test-results.
const SHOTS = process.env.UPDATE_DOC_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : RESULTS;
const DEMOS = ['race', 'race-locked', 'queue', 'pool', 'deadlock', 'dying-worker', 'processes'] as const;

async function openDemo(session: Session, dir: string, name: string, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const trace = join(dir, `${name}.itrace`);
  // (a deadlock or a dying worker exits non-zero: the trace is written all the same)
  try {
    execFileSync(process.execPath, [CLI, 'run', join(ROOT, 'demos', `${name}.ts`), '--out', trace], { stdio: 'pipe', timeout: 90000 });
  } catch (error) {
    if (!existsSync(trace)) throw error;
  }
  mkdirSync(RESULTS, { recursive: true });
  const html = join(RESULTS, `first-view-${name}.html`);
  execFileSync(process.execPath, [CLI, 'export', trace, '--format', 'html', '-o', html], { stdio: 'pipe', timeout: 60000 });
  const page = await session.context.newPage();
  await page.setViewportSize({ width, height });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${html}`);
  await waitForFrames(page, 1);
  return { page, errors };
}

/** The plot's share of the page's width, measured on the page (not from the app's arithmetic). */
async function plotShare(page: Page): Promise<{ plot: number; page: number }> {
  return page.evaluate(() => ({
    plot: (document.querySelector('.il-plot') as HTMLElement).getBoundingClientRect().width,
    page: document.documentElement.clientWidth,
  }));
}

describe('timeline: the first view (real demos, 1280×800)', function () {
  this.timeout(600000);
  let session: Session;
  let dir: string;
  before(async function () {
    if (!existsSync(CLI)) this.skip();
    await webviewBundle();
    dir = mkdtempSync(join(tmpdir(), 'interleave-first-view-'));
    session = await launch();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const name of DEMOS) {
    it(`${name}: the first view covers the workers' activity and spends at most 20% of its width before the first worker starts`, async () => {
      const { page, errors } = await openDemo(session, dir, name, 1280, 800);
      const info = await inspect(page);
      const { activityStart, endTime } = info.activity;
      const { t0, t1 } = info.view;
      assert.ok(Number.isFinite(activityStart), 'a worker ran');
      assert.ok(t0 <= activityStart + 1e-9 && t1 >= endTime - 1e-6, `view ${t0}–${t1} covers ${activityStart}–${endTime}`);
      const before = (activityStart - t0) / (t1 - t0);
      assert.ok(before <= 0.2, `${(before * 100).toFixed(1)}% of the first view is start-up`);
      const { plot, page: w } = await plotShare(page);
      assert.ok(plot >= w / 2, `plot ${plot} px of ${w}`);
      // Fit (0) comes back to the same view after a zoom.
      await page.focus('.il-plot');
      await page.keyboard.press('+');
      await page.keyboard.press('0');
      await waitForFrames(page, 1);
      const again = await inspect(page);
      assert.ok(Math.abs(again.view.t0 - t0) < (t1 - t0) * 1e-6 && Math.abs(again.view.t1 - t1) < (t1 - t0) * 1e-6, 'Fit frames the same activity');
      if (name === 'dying-worker') {
        // Its end is marked on its lane (a red bar, the error's text beside it).
        type Lanes = { __interleave: { app: { model: { workers: Map<number, { pid: number; exitRef: number }>; store: { slot(r: number, s: number): number } } } } };
        const deaths = await page.evaluate(() => {
          const m = (globalThis as unknown as Lanes).__interleave.app.model;
          return [...m.workers.values()].filter((w) => w.exitRef >= 0 && m.store.slot(w.exitRef, 4) !== 0).map((w) => ({ pid: w.pid, t: m.store.slot(w.exitRef, 0) }));
        });
        assert.equal(deaths.length, 1, JSON.stringify(deaths));
        const row = info.rows.find((r) => r.key === `w:${deaths[0].pid}`)!;
        const x = deaths[0].t * again.view.x.k + again.view.x.b;
        const red = countPixels(await pixels(page, x - 2, row.y + 3, 5, row.h - 6), isRaceRed);
        assert.ok(red >= row.h - 8, `the dead worker's end is marked (${red} red pixels)`);
      }
      await page.screenshot({ path: join(SHOTS, `first-view-${name}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it("the exported page shows a finding's source lines in the details (it has no editor to open)", async () => {
    const { page, errors } = await openDemo(session, dir, 'race', 1280, 800);
    await page.click('.il-finding >> nth=0');
    await page.waitForSelector('.il-source', { timeout: 5000 });
    const caption = (await page.textContent('.il-source-figure figcaption')) ?? '';
    const here = (await page.textContent('.il-source-here')) ?? '';
    const line = Number(/:(\d+)$/.exec(caption)?.[1]);
    const source = readFileSync(join(ROOT, 'demos', 'race.ts'), 'utf8').split(/\r?\n/);
    assert.ok(line >= 1, caption);
    assert.equal(here.replace(/^\s*\d+ {2}/, '').trimEnd(), source[line - 1].trimEnd(), 'the marked line is the finding\'s line of the demo');
    assert.equal(await page.locator('.il-reveal').count(), 0, 'no Open button on a page without an editor');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a resize never leaves the plot blank: it is drawn again before the frame that shows the new size', async () => {
    const { page, errors } = await openDemo(session, dir, 'race', 1280, 800);
    // An observer made after the app's runs right after the app's own resize, before the browser
    // paints: what the lanes canvas holds there is what the user's next frame shows.
    const seen = page.evaluate(() => new Promise<{ before: number; after: number; painted: number }>((resolve) => {
      const canvas = document.querySelector('canvas.il-canvas') as HTMLCanvasElement;
      const before = canvas.width;
      let initial = true;
      const observer = new ResizeObserver(() => {
        if (initial) { initial = false; return; }
        observer.disconnect();
        const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4 * 7) if (data[i] !== 0) painted++;
        resolve({ before, after: canvas.width, painted });
      });
      observer.observe(document.querySelector('.il-app') as HTMLElement);
    }));
    await page.waitForTimeout(100);
    await page.setViewportSize({ width: 1100, height: 800 });
    const m = await seen;
    assert.notEqual(m.after, m.before, 'the canvas was resized');
    assert.ok(m.painted > 1000, `painted samples right after the resize: ${m.painted}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the plot keeps at least half the width from 300 px to 1920 px, with the side panel folded or below when it does not fit', async () => {
    const { page, errors } = await openDemo(session, dir, 'race', 1280, 800);
    const widths = [300, 420, 640, 800, 1059, 1060, 1280, 1920];
    const at = async (width: number): Promise<{ plot: number; page: number; side: string; gutter: number }> => {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(50);
      await waitForFrames(page, 1);
      const info = await inspect(page);
      return { ...(await plotShare(page)), side: info.side, gutter: info.gutter };
    };
    // Untouched, the width decides.
    for (const width of widths) {
      const m = await at(width);
      assert.ok(m.plot >= m.page / 2, `at ${width}: plot ${m.plot} px of ${m.page} (side ${m.side}, gutter ${m.gutter})`);
      assert.equal(m.side, width >= 1060 ? 'beside' : 'hidden', `side panel at ${width}`);
    }
    // Opened with the toggle (at 300, where it was folded), it stays open at every width (beside,
    // or below where it does not fit).
    await at(300);
    await page.click('button[aria-controls="il-side"]');
    for (const width of widths) {
      const m = await at(width);
      assert.ok(m.plot >= m.page / 2, `at ${width}, opened: plot ${m.plot} px of ${m.page} (side ${m.side})`);
      assert.notEqual(m.side, 'hidden', `opened side panel at ${width}`);
    }
    // Folded with the toggle, it stays folded even where it would fit.
    await page.click('button[aria-controls="il-side"]');
    assert.equal((await at(1920)).side, 'hidden');
    // Cut labels keep their whole text in a tooltip.
    await page.setViewportSize({ width: 320, height: 800 });
    await waitForFrames(page, 1);
    const titles = await page.$$eval('.il-lane-label', (els) => els.map((e) => (e as HTMLElement).title));
    assert.ok(titles.length > 0 && titles.every((t) => t.length > 0), 'every lane label has a tooltip');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
