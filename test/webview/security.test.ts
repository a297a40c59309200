/**
 * Security of the exported file and of trace strings: a strict CSP with a fresh nonce, no
 * network, and names that are script/markup payloads shown as text and never executed.
 */
import * as assert from 'node:assert/strict';
import { renderTraceHtml } from '../../src/runner/export-html';
import { type Session, inspect, launch, openExport, screenshot, webviewBundle } from './browser';
import { HOSTILE, hostileTrace, raceTrace } from './scenarios';

describe('timeline: security (headless Chromium)', function () {
  this.timeout(60000);
  let session: Session;
  before(async () => { session = await launch(); });
  after(async () => { await session?.close(); });

  it('renderTraceHtml writes a strict CSP with a fresh nonce on every script and style', async () => {
    const { js, css } = await webviewBundle();
    const trace = raceTrace().bytes();
    const html = renderTraceHtml(trace, js, css, { title: HOSTILE.title });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([A-Za-z0-9_-]{16,})'/.exec(csp)?.[1];
    assert.ok(nonce, `nonce in ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    // Every executable script carries the nonce; the trace sits in a non-executable element.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    for (const attrs of scripts) {
      if (/type="application\/(octet-stream|json)"/.test(attrs)) continue;
      assert.match(attrs, new RegExp(`nonce="${nonce}"`));
    }
    assert.match(html, /<script type="application\/octet-stream" id="interleave-trace"/);
    assert.ok(!html.includes(HOSTILE.title), 'the title is escaped');
    const again = renderTraceHtml(trace, js, css);
    assert.notEqual(/nonce-([^']+)'/.exec(again)?.[1], nonce, 'a new nonce per file');
  });

  it('hostile names, labels and error messages are drawn as text and never execute', async () => {
    const { page, errors, requests } = await openExport(session, 'hostile', hostileTrace().bytes(), { title: HOSTILE.title });
    const pwned = await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);
    assert.equal(pwned, undefined, 'no payload ran');
    // No element the payloads describe was created anywhere.
    const injected = await page.$$eval('img, iframe, svg[onload], b, .il-app script', (els) => els.length);
    assert.equal(injected, 0);
    // The payloads are visible, literally, as text.
    const gutter = await page.textContent('.il-gutter');
    assert.ok(gutter?.includes(HOSTILE.worker), 'worker name shown as text');
    assert.ok(gutter?.includes(HOSTILE.object), 'object name shown as text');
    assert.equal(await page.textContent('.il-title'), HOSTILE.title);
    // Select the worker lane: its detail pane shows the error message as text.
    await page.click(`.il-lane-label[data-lane="w:1"]`);
    const detail = await page.textContent('.il-detail');
    assert.ok(detail?.includes(HOSTILE.error), `error text in ${detail}`);
    // Hover the marker: the tooltip shows its label as text.
    const info = await inspect(page);
    const row = info.rows.find((r) => r.key === 'w:1')!;
    const box = (await page.locator('.il-plot').boundingBox())!;
    await page.mouse.move(box.x + 0.5 * info.view.x.k + info.view.x.b, box.y + row.y + 3);
    await page.waitForSelector('.il-tooltip:not([hidden])', { timeout: 5000 });
    const tip = await page.textContent('.il-tooltip');
    assert.ok(tip?.includes(HOSTILE.marker), `marker label in tooltip: ${tip}`);
    assert.equal(await page.$$eval('.il-tooltip *', (els) => els.filter((e) => !e.className.startsWith('il-tip')).length), 0);
    await screenshot(page, 'hostile');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
  });
});
