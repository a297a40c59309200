/**
 * Real traces of plain worker_threads programs (no Interleave API): the plain demos run by the
 * real runner, exported with `interleave export --format html`, opened offline in headless
 * Chromium. The timeline draws their new lanes (main and each Worker, the shared buffer), the
 * race between the two workers, the message arrows (postMessage → receipt, numbered per channel),
 * and the waits of Atomics.wait with an arrow from each notify to the thread it woke.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BlockReason, EventKind, RECORD_SLOTS } from '../../src/shared/events';
import { parseTrace } from '../../src/shared/trace-file';
import {
  ROOT, RESULTS, type Session, countPixels, inspect, isOpaque, isQueueBlue, isRaceRed, launch, pixels, screenshot, showRange,
  waitForFrames, webviewBundle,
} from './browser';

const CLI = join(ROOT, 'dist', 'cli.js');
const FlowKind = { LOCK: 1, QUEUE: 2 } as const;
/** The waiting state's fill (--il-waiting, #cca700 in the default palette). */
const isWaitingYellow = (r: number, g: number, b: number, a: number): boolean => a > 120 && r > 150 && g > 120 && b < 90;

function run(file: string, dir: string): string {
  const trace = join(dir, `${file}.itrace`);
  execFileSync(process.execPath, [CLI, 'run', join(ROOT, 'demos', file), '--out', trace], { stdio: 'pipe', timeout: 60000 });
  return trace;
}

async function open(session: Session, name: string, trace: string): Promise<{ page: Page; errors: string[] }> {
  mkdirSync(RESULTS, { recursive: true });
  const html = join(RESULTS, `demo-${name}.html`);
  execFileSync(process.execPath, [CLI, 'export', trace, '--format', 'html', '-o', html], { stdio: 'pipe', timeout: 60000 });
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`file://${html}`);
  await waitForFrames(page, 1);
  return { page, errors };
}

describe('timeline: plain worker_threads programs (runner + CLI export + headless Chromium)', function () {
  this.timeout(120000);
  let session: Session;
  let dir: string;
  before(async function () {
    if (!existsSync(CLI)) this.skip();
    await webviewBundle();
    dir = mkdtempSync(join(tmpdir(), 'interleave-plain-demos-'));
    session = await launch();
  });
  after(async () => { await session?.close(); });

  it('racing counter: a lane per thread and for the buffer, the two workers\' race marked', async () => {
    const { page, errors } = await open(session, 'plain-race', run('plain-racing-counter.js', dir));
    const info = await inspect(page);
    assert.equal(info.rows.filter((r) => r.kind === 'worker').length, 3, JSON.stringify(info.rows));
    assert.ok(info.rows.some((r) => r.kind === 'memory'), 'the shared buffer has a lane');
    const races = info.findings.filter((f) => f.kind === 'data-race' && f.pairs.length > 0);
    assert.ok(races.length > 0 && info.pairTimes.length > 0, JSON.stringify(info.findings.map((f) => [f.kind, f.pairs.length])));
    for (const row of info.rows.filter((r) => r.kind === 'worker')) {
      assert.ok(countPixels(await pixels(page, 0, row.y + 8, info.view.width, 1), isOpaque) > 10, `lane ${row.key} painted`);
    }
    await screenshot(page, 'demo-plain-race');
    const [ta, tb] = info.pairTimes[0];
    const span = Math.max(Math.abs(tb - ta) * 4, 0.02);
    await showRange(page, Math.min(ta, tb) - span, Math.max(ta, tb) + span);
    const z = await inspect(page);
    const x = (t: number): number => t * z.view.x.k + z.view.x.b;
    let red = 0;
    for (const row of z.rows.filter((r) => r.kind === 'worker')) {
      for (const t of [ta, tb]) red += countPixels(await pixels(page, x(t) - 7, row.y + row.h / 2 - 7, 14, 14), isRaceRed);
    }
    assert.ok(red > 10, `race marks drawn (${red} red pixels)`);
    await screenshot(page, 'demo-plain-race-zoomed');
    assert.deepEqual(errors, []);
  });

  it('messages: an arrow from each postMessage to its receipt, numbered per channel', async () => {
    const { page, errors } = await open(session, 'plain-messages', run('plain-messages.js', dir));
    const info = await inspect(page);
    assert.equal(info.rows.filter((r) => r.kind === 'worker').length, 3);
    const arrows = info.flows.filter((f) => f.kind === FlowKind.QUEUE);
    assert.equal(arrows.length, 10, JSON.stringify(arrows));
    assert.deepEqual(arrows.map((f) => f.label).sort((a, b) => a - b), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    for (const f of arrows) assert.ok(f.srcLane !== 0 && f.dstLane === 0, `worker → main: ${JSON.stringify(f)}`);
    const first = arrows[0];
    const pad = Math.max(Math.abs(first.dstT - first.srcT) * 2, 0.2);
    await showRange(page, Math.min(first.srcT, first.dstT) - pad, Math.max(first.srcT, first.dstT) + pad);
    const z = await inspect(page);
    const x = (t: number): number => t * z.view.x.k + z.view.x.b;
    const rows = z.rows.filter((r) => r.key === `w:${first.srcLane}` || r.key === `w:${first.dstLane}`);
    const top = Math.min(...rows.map((r) => r.y));
    const bottom = Math.max(...rows.map((r) => r.y + r.h));
    const region = await pixels(page, Math.min(x(first.srcT), x(first.dstT)) - 2, top, Math.abs(x(first.dstT) - x(first.srcT)) + 4, bottom - top);
    assert.ok(countPixels(region, isQueueBlue) > 5, 'message arrow pixels');
    await screenshot(page, 'demo-plain-messages');
    assert.deepEqual(errors, []);
  });

  it('handoff: each Atomics.wait drawn as waiting, an arrow from the notify to the thread it woke', async () => {
    const trace = run('plain-handoff.js', dir);
    const { page, errors } = await open(session, 'plain-handoff', trace);
    const info = await inspect(page);
    assert.equal(info.rows.filter((r) => r.kind === 'worker').length, 2);
    const wakes = info.flows.filter((f) => f.kind === FlowKind.LOCK);
    assert.ok(wakes.length >= 1, `notify → woken arrows: ${JSON.stringify(info.flows)}`);
    for (const f of wakes) assert.ok(f.srcLane !== f.dstLane && f.srcT <= f.dstT + 0.5, JSON.stringify(f));
    // The longest Atomics.wait of the run, from the trace itself: its lane is painted as waiting.
    const parsed = parseTrace(new Uint8Array(readFileSync(trace)));
    const ev = parsed.events;
    let best = { pid: -1, from: 0, to: 0 };
    const started = new Map<number, number>();
    for (let at = 0; at < ev.length; at += RECORD_SLOTS) {
      if (ev[at + 4] !== BlockReason.ATOMICS_WAIT) continue;
      if (ev[at + 1] === EventKind.BLOCK) started.set(ev[at + 2], ev[at]);
      else if (ev[at + 1] === EventKind.UNBLOCK && started.has(ev[at + 2])) {
        const from = started.get(ev[at + 2])!;
        if (ev[at] - from > best.to - best.from) best = { pid: ev[at + 2], from, to: ev[at] };
      }
    }
    assert.ok(best.pid >= 0, 'the trace has an Atomics.wait');
    await showRange(page, best.from - (best.to - best.from) * 0.5, best.to + (best.to - best.from) * 0.5);
    const z = await inspect(page);
    const x = (t: number): number => t * z.view.x.k + z.view.x.b;
    const row = z.rows.find((r) => r.key === `w:${best.pid}`)!;
    const mid = await pixels(page, x(best.from) + 2, row.y + 2, Math.max(4, x(best.to) - x(best.from) - 4), row.h - 4);
    assert.ok(countPixels(mid, isWaitingYellow) > 20, 'the wait is painted as waiting');
    await screenshot(page, 'demo-plain-handoff-wait');
    assert.deepEqual(errors, []);
  });
});
