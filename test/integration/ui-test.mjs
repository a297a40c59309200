/**
 * The UI test, tried as a new user would: palette → "Run Parallel Demo" → the race demo; look at
 * the timeline; take the offer of the demo's source; click a finding to jump to its line; reload
 * the window (the timeline comes back); reload it again in the middle of a run (the runner stops
 * and its trace is kept); open the walkthrough and run its first lesson.
 * Screenshots go to test-results/ui-*.png (and, with readmeScreenshots, to media/screenshots/ for
 * the README). Each check is named and reported; the run fails if any fails.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, openWorkspaceFile, runFromPalette, tab, timelineFrame, waitForRunToEnd, waitForWorkbench } from './harness/browser.mjs';
import { RESULTS, ROOT, remoteUri, say, startServer, workbenchUrl } from './harness/code-server.mjs';
import { runLayoutChecks } from './ui-layout.mjs';

/** The walkthrough's steps as the manifest lists them (one per demo lesson). */
const WALKTHROUGH_STEPS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).contributes.walkthroughs[0].steps.length;

/** Opens the timeline's side panel (findings, details) when the layout has folded it away. */
async function showSidePanel(frame) {
  const finding = frame.locator('.il-finding').first();
  if (await finding.isVisible().catch(() => false)) return;
  await frame.locator('button', { hasText: 'Details' }).first().click({ timeout: 5_000 }).catch(() => undefined);
}

/** Painted pixels (every 7th alpha sample) over the timeline's canvases: run in the webview. */
function paintedCanvasSamples(body) {
  let painted = 0;
  for (const c of body.querySelectorAll('canvas')) {
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) continue;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i] !== 0) painted++;
  }
  return painted;
}

/** Resolves true once the page's text includes `text`, false after 15 s: run in the webview. */
function waitForText(body, text) {
  return new Promise((done) => {
    const until = Date.now() + 15_000;
    const look = () => (body.innerText.includes(text) ? done(true) : Date.now() > until ? done(false) : setTimeout(look, 200));
    look();
  });
}

const shot = (page, name) => page.screenshot({ path: join(RESULTS, `ui-${name}.png`) });

/** Live processes running this repo's dist/cli.js run with `mentioning` in their command line (from /proc). */
function runnerProcesses(mentioning) {
  // The runner is the extension's own dist/cli.js: the repo's, or the installed VSIX's copy.
  const isCli = (arg) => arg === join(ROOT, 'dist', 'cli.js') || /[\\/]dist[\\/]cli\.js$/.test(arg);
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const at = args.findIndex(isCli);
      if (at >= 0 && args[at + 1] === 'run' && args.some((a) => a.includes(mentioning))) found.push({ pid: Number(entry), args: args.slice(at + 1) });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

async function waitForValue(probe, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const checks = [
  {
    name: 'palette → Run Parallel Demo → race: the timeline draws lanes',
    async run(page, frame) {
      const demoRow = '.quick-input-list .monaco-list-row[aria-label*="lost-update race"]';
      // The first palette of a fresh window may open before the extension's commands are known:
      // runFromPalette opens it again (before it did, a CI run failed here and in the 5 checks after).
      await runFromPalette(page, 'Run Parallel Demo');
      await page.waitForSelector(demoRow, { timeout: 30_000 });
      await shot(page, 'demo-picker');
      await page.click(demoRow);
      await frame.locator('canvas').first().waitFor({ state: 'attached', timeout: 30_000 });
      await waitForRunToEnd(page, 'race demo');
      await page.waitForTimeout(1500);
      const drawn = {
        painted: await frame.locator('body').evaluate(paintedCanvasSamples),
        ...(await frame.locator('body').evaluate((body) => ({
          lanes: ['MainProcess', 'Process-1', 'Process-2'].filter((l) => body.innerText.includes(l)),
          // Issue 12 §1: the plot keeps at least half of the webview's width, in VS Code's layout as it opens.
          plot: body.querySelector('.il-plot')?.getBoundingClientRect().width ?? 0,
          width: document.documentElement.clientWidth,
        }))),
      };
      await shot(page, 'race-demo');
      await frame.locator('body').screenshot({ path: join(RESULTS, 'ui-race-demo-webview.png') });
      return {
        ok: drawn.painted > 1000 && drawn.lanes.length === 3 && drawn.plot >= drawn.width / 2,
        detail: `${drawn.painted} painted canvas samples; lanes ${drawn.lanes.join(', ')}; plot ${Math.round(drawn.plot)} of ${drawn.width} px`,
      };
    },
  },
  {
    name: 'the demo offers its source, and the offer opens it',
    async run(page) {
      // The workbench may file the notification in the centre without a toast; look there too.
      const offer = page.locator('.notification-list-item .monaco-button', { hasText: 'Open Demo Source' }).first();
      let where = await offer.waitFor({ timeout: 5_000 }).then(() => 'toast', () => '');
      if (!where) {
        await runFromPalette(page, 'Notifications: Show Notifications');
        where = await offer.waitFor({ timeout: 10_000 }).then(() => 'notification centre', () => '');
      }
      if (!where) return { ok: false, detail: 'no offer' };
      await offer.click();
      const opened = await tab(page, 'race.ts').waitFor({ timeout: 10_000 }).then(() => true, () => false);
      await shot(page, 'race-source');
      return { ok: opened, detail: `offered in the ${where}` };
    },
  },
  {
    name: 'the demo\u2019s source and a user\u2019s script get the interleave module\u2019s types (no ts2307)',
    async run(page) {
      // race.ts, the demo from the extension's own folder, is open from the check before. The
      // workspace script has one deliberate error that only the real declarations can report
      // (Value<'i'>.value is a number), so its marker proves the TypeScript server has checked.
      await openWorkspaceFile(page, 'typed-script.ts');
      await page.keyboard.press('Control+Shift+M');
      const problems = page.locator('.markers-panel');
      const checked = await page
        .waitForFunction(() => document.querySelector('.markers-panel')?.textContent?.includes("not assignable to type 'string'"), undefined, { timeout: 90_000 })
        .then(() => true, () => false);
      const text = (await problems.textContent().catch(() => '')) ?? '';
      await shot(page, 'types');
      await page.keyboard.press('Control+Shift+M');
      const unresolved = text.includes("Cannot find module 'interleave'");
      return { ok: checked && !unresolved, detail: checked ? (unresolved ? 'ts2307 shown' : 'the deliberate ts2322 shown; no ts2307 for any open file (the demo race.ts, typed-script.ts)') : `no TypeScript marker in 90 s: ${text.slice(0, 160)}` };
    },
  },
  {
    name: 'a click on a finding opens the source at its line',
    async run(page, frame) {
      await tab(page, 'Interleave: ').click();
      // With 'sampled' location capture one access of a race may have no line; take the first
      // finding whose detail offers one.
      await showSidePanel(frame);
      const findings = frame.locator('.il-finding');
      await findings.first().waitFor({ timeout: 10_000 });
      const button = frame.locator('.il-reveal').first();
      for (let i = 0, n = await findings.count(); i < n; i++) {
        await findings.nth(i).click();
        if (await button.waitFor({ timeout: 2_000 }).then(() => true, () => false)) break;
      }
      await button.waitFor({ timeout: 1_000 });
      const target = (await button.textContent()) ?? '';
      await button.click();
      const line = /:(\d+)\s*$/.exec(target)?.[1];
      const there = await page
        .waitForFunction((l) => document.querySelector('.statusbar')?.textContent?.includes(`Ln ${l},`), line, { timeout: 10_000 })
        .then(() => true, () => false);
      await shot(page, 'reveal');
      return { ok: there, detail: target };
    },
  },
  {
    name: 'after a window reload the timeline is restored',
    async run(page, frame) {
      await page.reload();
      await waitForWorkbench(page);
      await tab(page, 'Interleave: ').click({ timeout: 30_000 });
      await frame.locator('canvas').first().waitFor({ state: 'attached', timeout: 30_000 });
      // The revived panel reads the trace again and then draws it: on a busy machine that took
      // more than the 1.5 s this once waited ('No trace loaded' in the screenshot, drawn later).
      const ok = await frame.locator('body').evaluate(waitForText, 'MainProcess');
      await shot(page, 'restored');
      return { ok };
    },
  },
  {
    name: 'a window reload in the middle of a run: the runner stops itself and its trace is kept, finished',
    async run(page) {
      await openWorkspaceFile(page, 'tickers.ts');
      // The palette lists Run Current File only while a JS/TS editor has focus; keystrokes typed
      // while the palette opens can be lost on a busy machine, so a second try starts afresh.
      // Click into tickers.ts's own editor: after the previous reload race.ts is open in another
      // group too, and the first editor in the page's order may be that one (then Run Current File
      // ran race.ts and the status bar never named tickers.ts: one run in two failed so).
      const tickersEditor = page.locator('.editor-group-container:has(.tab.active[aria-label*="tickers.ts"]) .monaco-editor .view-lines').first();
      for (let attempt = 1; ; attempt++) {
        await tickersEditor.click();
        try {
          await runFromPalette(page, 'Interleave: Run Current File');
          break;
        } catch (error) {
          await page.keyboard.press('Escape');
          if (attempt === 2) throw error;
        }
      }
      await page.waitForFunction(() => document.querySelector('.statusbar')?.textContent?.includes('Interleave: tickers.ts'), undefined, { timeout: 30_000 });
      const runner = await waitForValue(() => runnerProcesses('tickers.ts')[0], 15_000);
      if (!runner) return { ok: false, detail: 'no runner process found in /proc' };
      const trace = runner.args[runner.args.indexOf('--out') + 1];
      await page.waitForTimeout(1000);
      const reloadAt = Date.now();
      await page.reload();
      const gone = await waitForValue(() => !existsSync(`/proc/${runner.pid}`) || undefined, 30_000);
      const goneMs = Date.now() - reloadAt;
      await waitForWorkbench(page);
      await shot(page, 'reload-mid-run');
      if (!gone) {
        try { process.kill(runner.pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
        return { ok: false, detail: `the runner (pid ${runner.pid}) was still running 30 s after the reload` };
      }
      const report = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'report', trace, '--json'], { encoding: 'utf8' });
      const result = report.status === 0 ? JSON.parse(report.stdout).result : `report exit ${report.status}`;
      const footer = !/has no footer/.test(report.stderr);
      // The timeline comes back with the interrupted run: VS Code revives a panel when its tab is
      // shown, so show it (it may be behind tickers.ts), and its page draws the run's trace.
      await tab(page, 'Interleave: ').click({ timeout: 30_000 }).catch(() => undefined);
      const revived = await timelinePage(page, 'tickers');
      const restored = revived ? await revived.locator('body').evaluate(waitForText, 'MainProcess') : false;
      await shot(page, 'reload-mid-run-restored');
      return {
        ok: footer && result === 'error' && restored && runnerProcesses('tickers.ts').length === 0,
        detail: `the runner ended ${goneMs} ms after the reload; trace ${result}, ${footer ? 'with its footer' : 'cut short (no footer)'}; timeline ${restored ? 'restored with the run' : 'not restored'}: ${trace}`,
      };
    },
  },
  {
    name: 'the walkthrough lists the lessons in order and its step runs the demo',
    async run(page) {
      await runFromPalette(page, 'Welcome: Open Walkthrough');
      const row = '.quick-input-list .monaco-list-row[aria-label*="See concurrency with Interleave"]';
      await page.waitForSelector(row, { timeout: 10_000 });
      await page.click(row);
      await page.waitForSelector('.getting-started-step', { timeout: 10_000 });
      await page.waitForTimeout(1000);
      const steps = await page.$$eval('.getting-started-step .step-title', (els) => els.map((e) => e.textContent?.trim()).filter(Boolean));
      await page.click('.getting-started-step a:has-text("Run the processes demo"), .getting-started-step button:has-text("Run the processes demo")');
      await waitForRunToEnd(page, 'processes demo');
      await tab(page, 'Welcome').click();
      const checked = await page
        .waitForSelector('.getting-started-step[data-step-id$="lesson.processes"][aria-checked="true"]', { timeout: 10_000 })
        .then(() => true, () => false);
      await shot(page, 'walkthrough');
      return { ok: steps.length === WALKTHROUGH_STEPS && checked, detail: `${steps.join(' · ')}; first step checked: ${checked}` };
    },
  },
  {
    name: 'palette → Run Parallel Demo → the racing counter (plain worker_threads): its race is drawn and listed',
    async run(page) {
      const demoRow = '.quick-input-list .monaco-list-row[aria-label*="racing counter (plain worker_threads)"]';
      // The walkthrough (the check before) takes the focus back a moment after it is shown, and a
      // quick pick closes when it loses the focus: the picker was gone before Enter and nothing
      // ran. Move to the timeline's tab first, and pick the row with a click on it, seen.
      await tab(page, 'Interleave: ').click();
      await page.waitForTimeout(500);
      for (let attempt = 1; ; attempt++) {
        try {
          await runFromPalette(page, 'Run Parallel Demo');
          // The row sits below the list's fold: filter the picker to it, as a user would type.
          await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20_000 });
          await page.keyboard.type('racing counter');
          await page.locator(demoRow).first().click({ timeout: 10_000 });
          break;
        } catch (error) {
          await page.keyboard.press('Escape');
          if (attempt === 2) throw error;
        }
      }
      await waitForRunToEnd(page, 'plain-race demo');
      // Several timelines may be open by now (the race demo's, the walkthrough's): find the plain
      // demo's by its title.
      const frame = await timelinePage(page, 'plain-race demo');
      if (!frame) {
        await shot(page, 'plain-race-demo');
        return { ok: false, detail: 'no plain-race timeline' };
      }
      await showSidePanel(frame);
      const finding = frame.locator('.il-finding', { hasText: /race/i }).first();
      const listed = await finding.waitFor({ timeout: 30_000 }).then(() => true, () => false);
      await page.waitForTimeout(1500);
      const painted = await frame.locator('body').evaluate(paintedCanvasSamples);
      await shot(page, 'plain-race-demo');
      const text = listed ? ((await finding.textContent()) ?? '').trim().slice(0, 120) : 'no race finding listed';
      return { ok: listed && painted > 1000, detail: `${painted} painted canvas samples; ${text}` };
    },
  },
];

/**
 * The page (a Frame, for evaluating scripts through the DevTools protocol) of the timeline whose
 * text includes `title`, waiting up to 30 s for it; null when none shows it.
 */
async function timelinePage(page, title) {
  for (let i = 0; i < 30; i++) {
    for (const f of page.frames()) {
      const text = await f.evaluate(() => (document.querySelector('.il-app') ? document.body.innerText : '')).catch(() => '');
      if (text.includes(title)) return f;
    }
    await page.waitForTimeout(1000);
  }
  return null;
}

/** Runs the checks against the extension in the repo, or against an installed VSIX. */
export async function runUiTest(cs, { vsix, readmeScreenshots }) {
  // INTERLEAVE_UI_CHECKS=regex runs only the checks whose names match (one check while fixing it).
  const only = process.env.INTERLEAVE_UI_CHECKS ? new RegExp(process.env.INTERLEAVE_UI_CHECKS, 'i') : null;
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  const chosen = checks.filter((c) => !only || only.test(c.name));
  if (chosen.length) ({ passed, failed } = await runChecks(cs, { vsix, readmeScreenshots, chosen }));
  // Issue 12's layouts and Dark High Contrast, each in a window as a new user first has it.
  const layout = await runLayoutChecks(cs, { vsix, say, only });
  passed += layout.passed;
  failed += layout.failed;
  say(`ui: ${((Date.now() - started) / 1000).toFixed(1)} s${vsix ? ` on ${vsix}` : ''}; screenshots in test-results/ui-*.png`);
  // Not in the shape of .ci/run's closing "N passed, N failed" line, which CI reads.
  console.log(`ui-test: checks passed ${passed}, failed ${failed}`);
  return failed ? 1 : 0;
}

/** The new-user story's checks, in order, in one window (quiet settings, 1600×1000). */
async function runChecks(cs, { vsix, readmeScreenshots, chosen }) {
  const server = await startServer(cs, {
    trust: true,
    name: 'ui',
    before: vsix ? [['--install-extension', resolve(vsix)], ['--list-extensions', '--show-versions']] : [],
  });
  const browser = await launchBrowser('ui');
  const { page } = browser;
  let passed = 0;
  let failed = 0;
  try {
    const payload = [['skipWelcome', 'true']];
    if (!vsix) payload.unshift(['extensionDevelopmentPath', remoteUri(server, ROOT)]);
    await page.goto(workbenchUrl(server, payload));
    await waitForWorkbench(page);
    const frame = timelineFrame(page);
    for (const check of chosen) {
      const t0 = Date.now();
      let result;
      try {
        result = await check.run(page, frame);
      } catch (error) {
        result = { ok: false, detail: error instanceof Error ? error.message.split('\n')[0] : String(error) };
        await shot(page, 'failure');
      }
      if (result.ok) passed++;
      else failed++;
      say(`ui: ${result.ok ? '✔' : '✘'} ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${result.detail ? `: ${result.detail}` : ''}`);
    }
    if (readmeScreenshots) {
      // The README's pictures are this test's own screenshots: what a user sees today.
      const shots = join(ROOT, 'media', 'screenshots');
      mkdirSync(shots, { recursive: true });
      copyFileSync(join(RESULTS, 'ui-race-demo.png'), join(shots, 'race-timeline.png'));
      copyFileSync(join(RESULTS, 'ui-demo-picker.png'), join(shots, 'demo-picker.png'));
      say('ui: README screenshots updated in media/screenshots/');
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return { passed, failed };
}
