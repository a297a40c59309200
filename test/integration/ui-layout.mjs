/**
 * Issue 12's "Must show", in a real VS Code with the window a new user has: no quiet settings, so
 * the Welcome tab opens in the editor area and the secondary side bar (Chat) on the right.
 *   - 1280×800: "Run Parallel Demo → race": the plot is at least half of the webview's width;
 *   - 1280×800 with a `.itrace` already open, then the same run: both timelines keep half;
 *   - 1920×1080 with two timelines side by side (the trace and the run, one group each): both keep
 *     half;
 *   - Dark High Contrast (the user's workbench.colorTheme): axe-core inside the race demo's
 *     webview finds no serious or critical violation.
 * Each check is a fresh server (a window as it first opens). Screenshots: test-results/ui-layout-*.png,
 * and with UPDATE_DOC_SCREENSHOTS=1 the README's docs/screenshots/vscode-*.png.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, openWorkspaceFile, runFromPalette, waitForRunToEnd, waitForWorkbench } from './harness/browser.mjs';
import { NEW_USER_SETTINGS, RESULTS, ROOT, WORKSPACE, remoteUri, startServer, workbenchUrl } from './harness/code-server.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DOC_SHOTS = process.env.UPDATE_DOC_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : null;

/** Every timeline page in the window (run panels and trace editors), with what it shows. */
async function timelines(page) {
  const found = [];
  for (const frame of page.frames()) {
    const m = await frame
      .evaluate(() => {
        if (!document.querySelector('.il-app')) return null;
        return {
          title: document.querySelector('.il-title')?.textContent ?? '',
          plot: document.querySelector('.il-plot')?.getBoundingClientRect().width ?? 0,
          width: document.documentElement.clientWidth,
          lanes: document.querySelectorAll('.il-lane-label').length,
        };
      })
      .catch(() => null);
    if (m) found.push({ frame, ...m });
  }
  return found;
}

/** Waits until the timeline whose title includes `title` is laid out and drawn (width > 0, lanes). */
async function waitForTimeline(page, title, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const t = (await timelines(page)).find((x) => x.title.includes(title) && x.width > 0 && x.lanes > 0);
    if (t) return t;
    if (Date.now() > until) return null;
    await page.waitForTimeout(500);
  }
}

const describe = (t) => `${t.title}: plot ${Math.round(t.plot)} of ${t.width} px`;
const halfOrMore = (t) => t.plot >= t.width / 2;

/** A folder like the fixture workspace, with the race demo's trace in it (made by this build's CLI). */
function workspaceWithTrace() {
  const folder = mkdtempSync(join(tmpdir(), 'interleave-layout-ws-'));
  cpSync(WORKSPACE, folder, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'run', join(ROOT, 'demos', 'race.ts'), '--out', join(folder, 'race.itrace'), '--no-html'], { stdio: 'ignore' });
  return folder;
}

async function runRaceDemo(page) {
  await runFromPalette(page, 'Run Parallel Demo');
  const row = '.quick-input-list .monaco-list-row[aria-label*="lost-update race"]';
  await page.waitForSelector(row, { timeout: 20_000 });
  await page.click(row);
  await waitForRunToEnd(page, 'race demo');
}

async function axeInFrame(frame) {
  await frame.evaluate(AXE);
  return frame.evaluate(async () => {
    const r = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  });
}

async function shot(page, name, docName) {
  const file = join(RESULTS, `ui-layout-${name}.png`);
  await page.screenshot({ path: file });
  if (DOC_SHOTS && docName) copyFileSync(file, join(DOC_SHOTS, docName));
}

const checks = [
  {
    name: '1280×800, the window as it first opens (Welcome tab, side bars): Run Parallel Demo → race keeps half the width for the plot',
    viewport: { width: 1280, height: 800 },
    async run(page) {
      await shot(page, '1280-first-open');
      await runRaceDemo(page);
      const t = await waitForTimeline(page, 'race demo');
      await page.waitForTimeout(1000);
      await shot(page, '1280-race', 'vscode-1280-race.png');
      if (!t) return { ok: false, detail: 'no race demo timeline' };
      return { ok: halfOrMore(t), detail: describe(t) };
    },
  },
  {
    name: '1280×800 with a .itrace already open: the trace, then the race demo, each keeps half the width for the plot',
    viewport: { width: 1280, height: 800 },
    trace: true,
    async run(page) {
      await openWorkspaceFile(page, 'race.itrace');
      const trace = await waitForTimeline(page, 'race.itrace');
      await page.waitForTimeout(1000);
      await shot(page, '1280-itrace');
      await runRaceDemo(page);
      const run = await waitForTimeline(page, 'race demo');
      await page.waitForTimeout(1000);
      await shot(page, '1280-itrace-then-race', 'vscode-1280-itrace-then-race.png');
      if (!trace || !run) return { ok: false, detail: `timelines found: trace ${!!trace}, run ${!!run}` };
      return { ok: halfOrMore(trace) && halfOrMore(run), detail: `${describe(trace)} (before the run); ${describe(run)}` };
    },
  },
  {
    name: '1920×1080, two timelines side by side (the trace, and the race demo moved into the right group): each keeps half the width for the plot',
    viewport: { width: 1920, height: 1080 },
    trace: true,
    async run(page) {
      await openWorkspaceFile(page, 'race.itrace');
      if (!(await waitForTimeline(page, 'race.itrace'))) return { ok: false, detail: 'the trace did not open' };
      await runRaceDemo(page);
      if (!(await waitForTimeline(page, 'race demo'))) return { ok: false, detail: 'no race demo timeline' };
      // The run's timeline reused the trace's group (it holds no user work): put it beside, as a
      // user comparing two runs does.
      await runFromPalette(page, 'View: Move Editor into Right Group');
      await page.waitForTimeout(2000);
      const shown = (await timelines(page)).filter((t) => t.width > 0);
      const trace = shown.find((t) => t.title.includes('race.itrace'));
      const run = shown.find((t) => t.title.includes('race demo'));
      await shot(page, '1920-side-by-side', 'vscode-1920-side-by-side.png');
      if (!trace || !run) return { ok: false, detail: `visible timelines: ${shown.map(describe).join('; ') || 'none'}` };
      return { ok: halfOrMore(trace) && halfOrMore(run), detail: `${describe(trace)}; ${describe(run)}` };
    },
  },
  {
    name: '1280×800 in Dark High Contrast (workbench.colorTheme in the user settings): axe-core inside the race demo\'s timeline finds no serious or critical violation',
    viewport: { width: 1280, height: 800 },
    // The theme picker did not find its row in an earlier try; a theme written to the settings
    // file while the window is open was not applied either: it is set before the server starts.
    settings: { 'workbench.colorTheme': 'Default High Contrast' },
    async run(page) {
      await runRaceDemo(page);
      const run = await waitForTimeline(page, 'race demo');
      if (!run) return { ok: false, detail: 'no race demo timeline' };
      // A finding selected, so the details pane is filled, as for a user reading the race.
      await run.frame.locator('button', { hasText: 'Details' }).first().click({ timeout: 5_000 }).catch(() => undefined);
      await run.frame.locator('.il-finding').first().click({ timeout: 5_000 }).catch(() => undefined);
      await page.waitForTimeout(1000);
      const webviewThemed = await run.frame.evaluate(() => document.body.classList.contains('vscode-high-contrast') && !document.body.classList.contains('vscode-high-contrast-light'));
      const violations = await axeInFrame(run.frame);
      await shot(page, '1280-hc-dark', 'vscode-1280-hc-dark.png');
      await run.frame.locator('body').screenshot({ path: join(RESULTS, 'ui-layout-1280-hc-dark-webview.png') });
      return {
        ok: webviewThemed && violations.length === 0,
        detail: `the webview in Dark High Contrast: ${webviewThemed}; ${describe(run)}; axe: ${violations.length ? violations.join(' | ') : 'no serious or critical violation'}`,
      };
    },
  },
];

/** Runs the layout checks, each in a fresh server and browser; reports like the UI test. */
export async function runLayoutChecks(cs, { vsix, say, only }) {
  let passed = 0;
  let failed = 0;
  for (const check of checks.filter((c) => !only || only.test(c.name))) {
    const folder = check.trace ? workspaceWithTrace() : undefined;
    const server = await startServer(cs, {
      trust: true,
      name: 'ui-layout',
      settings: { ...NEW_USER_SETTINGS, ...check.settings },
      ...(folder ? { folder } : {}),
      before: vsix ? [['--install-extension', resolve(vsix)]] : [],
    });
    const browser = await launchBrowser('ui-layout', check.viewport);
    const t0 = Date.now();
    let result;
    try {
      const payload = vsix ? [] : [['extensionDevelopmentPath', remoteUri(server, ROOT)]];
      await browser.page.goto(workbenchUrl(server, payload.length ? payload : undefined));
      await waitForWorkbench(browser.page);
      result = await check.run(browser.page, server);
    } catch (error) {
      result = { ok: false, detail: error instanceof Error ? error.message.split('\n')[0] : String(error) };
      await browser.page.screenshot({ path: join(RESULTS, 'ui-layout-failure.png') }).catch(() => undefined);
    } finally {
      await browser.close();
      server.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
    if (result.ok) passed++;
    else failed++;
    say(`ui: ${result.ok ? '✔' : '✘'} ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${result.detail ? `: ${result.detail}` : ''}`);
  }
  return { passed, failed };
}
