/** Debian's chromium through playwright-core, and the few workbench gestures the tests use. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A headless chromium with a fresh profile (never `npx playwright install`: it downloads). */
export async function launchBrowser(name, viewport = { width: 1600, height: 1000 }) {
  const profile = mkdtempSync(join(tmpdir(), `interleave-chromium-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the workbench takes keystrokes (earlier ones are lost: real-vscode.md). */
export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.statusbar', { timeout: 60_000 });
  await page.waitForTimeout(3000);
}

/**
 * F1, type a command's title, wait for its row, Enter. The palette lists the commands known when
 * it opens: in a fresh window on a busy machine it can open before the extension's contributions
 * are registered (seen: only "Run and Debug: Focus on Run View" listed for "Run Parallel Demo",
 * 20 s later), so a palette without the row is closed and opened again, up to three times.
 * Callers that retry a whole gesture (a picker after the command) do so around this.
 */
export async function runFromPalette(page, title) {
  const row = `.quick-input-list .monaco-list-row[aria-label*="${title.replace(/"/g, '\\"')}"]`;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
    await page.keyboard.type(title);
    try {
      await page.waitForSelector(row, { timeout: 20_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 3) throw error;
      console.log(`[ui] the palette did not list "${title}" in 20 s (try ${attempt}); opening it again`);
      await page.waitForTimeout(3000);
    }
  }
  await page.keyboard.press('Enter');
}

/** The timeline page: two frames deep, same origin. */
export function timelineFrame(page) {
  return page.frameLocator('iframe.webview').frameLocator('#active-frame');
}

/** Waits for a run to end: the status bar item "Interleave: TITLE … Stop" goes away. */
export async function waitForRunToEnd(page, title) {
  // A short run may be over before we look: then the item never shows and there is nothing to wait for.
  await page.waitForFunction((t) => document.querySelector('.statusbar')?.textContent?.includes(`Interleave: ${t}`), title, { timeout: 3_000 }).catch(() => undefined);
  await page.waitForFunction((t) => !document.querySelector('.statusbar')?.textContent?.includes(`Interleave: ${t}`), title, { timeout: 60_000 });
}

export function tab(page, label) {
  return page.locator(`.tabs-container .tab[aria-label*="${label}"]`).first();
}

/** Opens a file of the open workspace with Go to File (Ctrl+P) and waits for its tab. */
export async function openWorkspaceFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 20_000 });
  await page.keyboard.press('Enter');
  await tab(page, name).waitFor({ timeout: 10_000 });
}
