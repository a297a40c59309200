/**
 * Real traces: the race and queue demos run by the real runner (`node dist/cli.js run`), exported
 * with `interleave export --format html`, opened offline in headless Chromium. Skipped until
 * `node build.mjs` has produced dist/cli.js.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  ROOT, RESULTS, type Session, countPixels, inspect, isOpaque, isQueueBlue, isRaceRed, launch, pixels, screenshot, showRange,
  waitForFrames, webviewBundle,
} from './browser';

const CLI = join(ROOT, 'dist', 'cli.js');
const FlowKind = { LOCK: 1, QUEUE: 2 } as const;

function runDemo(name: string, dir: string): string {
  const trace = join(dir, `${name}.itrace`);
  execFileSync(process.execPath, [CLI, 'run', join(ROOT, 'demos', `${name}.ts`), '--out', trace], { stdio: 'pipe', timeout: 60000 });
  return trace;
}

async function openCliExport(session: Session, name: string, trace: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  mkdirSync(RESULTS, { recursive: true });
  const html = join(RESULTS, `demo-${name}.html`);
  execFileSync(process.execPath, [CLI, 'export', trace, '--format', 'html', '-o', html], { stdio: 'pipe', timeout: 60000 });
  assert.match(readFileSync(html, 'utf8'), /default-src 'none'/);
  const page = await session.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url()); });
  await page.goto(`file://${html}`);
  await waitForFrames(page, 1);
  return { page, errors, requests };
}

describe('timeline: real demo traces (runner + CLI export + headless Chromium)', function () {
  this.timeout(120000);
  let session: Session;
  let dir: string;
  before(async function () {
    if (!existsSync(CLI) || !existsSync(join(ROOT, 'demos', 'race.ts'))) this.skip();
    await webviewBundle(); // writes media/webview.js, which the CLI's export embeds
    dir = mkdtempSync(join(tmpdir(), 'interleave-demos-'));
    session = await launch();
  });
  after(async () => { await session?.close(); });

  it('race demo: exported HTML draws worker lanes and joined race marks at the racing accesses', async () => {
    const { page, errors, requests } = await openCliExport(session, 'race', runDemo('race', dir));
    const info = await inspect(page);
    const workers = info.rows.filter((r) => r.kind === 'worker');
    assert.ok(workers.length >= 3, `worker lanes: ${workers.length}`);
    assert.ok(info.rows.some((r) => r.kind === 'memory'), 'the counter has a lane');
    // The race demo races on every run; whether updates were lost depends on the schedule.
    const races = info.findings.filter((f) => (f.kind === 'data-race' || f.kind === 'lost-update') && f.pairs.length > 0);
    assert.ok(races.length > 0 && info.pairTimes.length > 0, `races found and paired: ${JSON.stringify(info.findings.map((f) => [f.kind, f.lost, f.pairs.length]))}`);
    const lost = info.findings.find((f) => f.kind === 'lost-update');
    if (lost && lost.lost > 0) assert.match((await page.textContent('.il-badge-race')) ?? '', /lost update/);
    else assert.match((await page.textContent('.il-badge-race')) ?? '', /data race/);
    // Every worker lane is painted somewhere: along its middle line, which bars of every height
    // cross (MainProcess, blocked on join for the whole first view, is a 3/4-height bar whose top
    // edge sits at y + 8: sampled there, it passed only when some running bit was in view).
    for (const row of workers) {
      const px = await pixels(page, 0, row.y + Math.round(row.h / 2), info.view.width, 1);
      assert.ok(countPixels(px, isOpaque) > 10, `lane ${row.key} painted`);
    }
    await screenshot(page, 'demo-race');
    // Zoom onto one racing pair: red marks at its accesses.
    const [ta, tb] = info.pairTimes[0];
    const span = Math.max(Math.abs(tb - ta) * 4, 0.05);
    await showRange(page, Math.min(ta, tb) - span, Math.max(ta, tb) + span);
    const z = await inspect(page);
    const x = (t: number): number => t * z.view.x.k + z.view.x.b;
    let red = 0;
    for (const row of z.rows.filter((r) => r.kind === 'worker')) {
      for (const t of [ta, tb]) red += countPixels(await pixels(page, x(t) - 7, row.y + row.h / 2 - 7, 14, 14), isRaceRed);
    }
    assert.ok(red > 10, `race marks drawn (${red} red pixels)`);
    await screenshot(page, 'demo-race-zoomed');
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
  });

  it('queue demo: exported HTML draws put→get arrows with sequence numbers', async () => {
    const { page, errors, requests } = await openCliExport(session, 'queue', runDemo('queue', dir));
    const info = await inspect(page);
    assert.ok(info.rows.filter((r) => r.kind === 'worker').length >= 3);
    const q = info.flows.filter((f) => f.kind === FlowKind.QUEUE);
    assert.ok(q.length >= 5, `queue arrows: ${q.length}`);
    // The runtime stamps a put under the channel's mutex, before any getter can take the item, so
    // no arrow points back in time (pinned on a raw trace in queue-put-stamped-before-get.test.ts).
    for (const f of q) {
      assert.ok(f.label >= 1 && f.srcLane !== f.dstLane, `seq ≥ 1, between two workers: ${JSON.stringify(f)}`);
      assert.ok(f.srcT <= f.dstT, `the put is drawn no later than its get: ${JSON.stringify(f)}`);
    }
    // Zoom onto the first arrow and find its blue pixels between its two lanes.
    const first = q[0];
    const pad = Math.max(Math.abs(first.dstT - first.srcT) * 2, 0.2);
    await showRange(page, first.srcT - pad, first.dstT + pad);
    const z = await inspect(page);
    const x = (t: number): number => t * z.view.x.k + z.view.x.b;
    const rows = z.rows.filter((r) => r.key === `w:${first.srcLane}` || r.key === `w:${first.dstLane}`);
    const top = Math.min(...rows.map((r) => r.y));
    const bottom = Math.max(...rows.map((r) => r.y + r.h));
    const region = await pixels(page, Math.min(x(first.srcT), x(first.dstT)) - 2, top, Math.abs(x(first.dstT) - x(first.srcT)) + 4, bottom - top);
    assert.ok(countPixels(region, isQueueBlue) > 5, 'queue arrow pixels');
    await screenshot(page, 'demo-queue-zoomed');
    await page.keyboard.press('0');
    await page.focus('.il-plot');
    await page.keyboard.press('0');
    await waitForFrames(page, 1);
    await screenshot(page, 'demo-queue');
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
  });
});
