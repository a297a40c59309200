/**
 * Every theme kind readable (issue 12 §3): axe-core run inside the timeline page for light, dark,
 * high-contrast dark and high-contrast light, each with its theme's --vscode-* variables and the
 * opposite OS colour scheme; no serious or critical violation. A screenshot per theme kind goes
 * to docs/screenshots/. (axe is evaluated through the DevTools protocol, so the page keeps its
 * strict CSP: nothing is injected as a script.)
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { RESULTS, ROOT, type Session, launch, openExport, waitForFrames } from './browser';
import { raceTrace } from './scenarios';
import { THEMES, type ThemeKind } from './themes';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// The README's images are refreshed on request (UPDATE_DOC_SCREENSHOTS=1), so an ordinary run
// leaves the repository's files as they are; otherwise they go to test-results.
const SHOTS = process.env.UPDATE_DOC_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : RESULTS;

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

async function applyTheme(page: Page, kind: ThemeKind): Promise<void> {
  const theme = THEMES[kind];
  await page.evaluate((t) => {
    for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
    document.body.className = t.bodyClass;
    document.body.setAttribute('data-vscode-theme-kind', t.kindAttr);
  }, theme);
  await page.waitForTimeout(100);
  await waitForFrames(page, 1);
}

async function axe(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Violation[] }> } }).axe.run;
    const result = await run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

describe('timeline: readable in every theme kind (axe-core in headless Chromium)', function () {
  this.timeout(120000);
  let session: Session;
  before(async () => {
    session = await launch();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => { await session?.close(); });

  for (const kind of Object.keys(THEMES) as ThemeKind[]) {
    it(`${kind}: no serious or critical axe-core violation, with findings, details and the legend shown`, async () => {
      const page = await session.context.newPage();
      await page.emulateMedia({ colorScheme: THEMES[kind].osScheme });
      await page.close();
      const { page: p, errors } = await openExport(session, `theme-${kind}`, raceTrace().bytes(), { title: `race (${kind})` });
      await p.emulateMedia({ colorScheme: THEMES[kind].osScheme });
      await applyTheme(p, kind);
      await p.click('.il-lane-label >> nth=1');
      await waitForFrames(p, 1);
      const violations = (await axe(p)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      await p.screenshot({ path: join(SHOTS, `theme-${kind}.png`) });
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
      assert.deepEqual(errors, []);
      await p.close();
    });
  }
});
