/**
 * Headless Chromium for webview tests: Debian's /usr/bin/chromium through playwright-core, a
 * fresh profile per launch, no network services. Also builds the webview bundle once.
 */
import * as esbuild from 'esbuild';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeNonce, renderTraceHtml, type ExportHtmlOptions } from '../../src/runner/export-html';

export const ROOT = resolve(__dirname, '../..');
export const RESULTS = join(ROOT, 'test-results', 'webview');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let bundle: { js: string; css: string } | null = null;

/** Builds webview/main.ts exactly as build.mjs does (IIFE, es2022) and reads the CSS. */
export async function webviewBundle(): Promise<{ js: string; css: string }> {
  if (bundle) return bundle;
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'webview/main.ts')],
    bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
  });
  const js = result.outputFiles[0].text;
  mkdirSync(join(ROOT, 'media'), { recursive: true });
  writeFileSync(join(ROOT, 'media', 'webview.js'), js);
  bundle = { js, css: readFileSync(join(ROOT, 'media', 'timeline.css'), 'utf8') };
  return bundle;
}

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'interleave-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 760 },
    deviceScaleFactor: 1,
    // The default look of the screenshots; one test emulates a light system theme.
    colorScheme: 'dark',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  errors: string[];
  requests: string[];
  htmlPath: string;
}

/** Writes the exported HTML of a trace to test-results and opens it from file://. */
export async function openExport(session: Session, name: string, trace: Uint8Array, options: ExportHtmlOptions = {}): Promise<OpenedPage> {
  const { js, css } = await webviewBundle();
  mkdirSync(RESULTS, { recursive: true });
  const htmlPath = join(RESULTS, `${name}.html`);
  writeFileSync(htmlPath, renderTraceHtml(trace, js, css, options));
  const page = await session.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The readback warning is caused by the tests' own getImageData calls.
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('willReadFrequently')) errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url()); });
  await page.goto(`file://${htmlPath}`);
  await waitForFrames(page, 1);
  return { page, errors, requests, htmlPath };
}

export async function waitForFrames(page: Page, n: number): Promise<void> {
  // (No ?. or ?? inside page functions: sucrase would rewrite them into helpers the page lacks.)
  await page.waitForFunction((count) => {
    const app = document.querySelector('.il-app');
    return app !== null && Number(app.getAttribute('data-frames')) >= count;
  }, n, { timeout: 15000 });
  // Let the next animation frame run so pending overlay work is done.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
}

export async function frameCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const app = document.querySelector('.il-app');
    return app === null ? 0 : Number(app.getAttribute('data-frames'));
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export interface Inspect {
  rows: { key: string; kind: string; y: number; h: number }[];
  view: { width: number; height: number; scrollTop: number; x: { k: number; b: number }; t0: number; t1: number };
  gutter: number;
  side: 'beside' | 'below' | 'hidden';
  axisHeight: number;
  activity: { startTime: number; activityStart: number; endTime: number };
  findings: { kind: string; message: string; pairs: [number, number][]; lost: number }[];
  flows: { kind: number; srcT: number; dstT: number; srcLane: number; dstLane: number; label: number }[];
}

type AppHandle = { __interleave: { app: { inspect(): Inspect & { times(ref: number): number }; showRange(a: number, b: number): void } } };

export async function inspect(page: Page): Promise<Inspect & { pairTimes: [number, number][] }> {
  return page.evaluate(() => {
    const app = (globalThis as unknown as AppHandle).__interleave.app;
    const info = app.inspect();
    const pairTimes = info.findings.flatMap((f) => f.pairs.map(([a, b]): [number, number] => [info.times(a), info.times(b)]));
    const { times: _t, ...rest } = info;
    return { ...rest, pairTimes };
  });
}

export async function showRange(page: Page, t0: number, t1: number): Promise<void> {
  const before = await frameCount(page);
  await page.evaluate(([a, b]) => (globalThis as unknown as AppHandle).__interleave.app.showRange(a, b), [t0, t1] as const);
  await waitForFrames(page, before + 1);
}

/** RGBA pixels of the lanes canvas in a CSS-pixel rectangle (plot coordinates). */
export async function pixels(page: Page, x: number, y: number, w: number, h: number): Promise<number[]> {
  return page.evaluate(([x0, y0, w0, h0]) => {
    const canvas = document.querySelector('canvas.il-canvas') as HTMLCanvasElement;
    const dpr = canvas.width / parseFloat(canvas.style.width);
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const data = ctx.getImageData(Math.round(x0 * dpr), Math.round(y0 * dpr), Math.max(1, Math.round(w0 * dpr)), Math.max(1, Math.round(h0 * dpr))).data;
    return Array.from(data);
  }, [x, y, w, h] as const);
}

/** How many pixels in the RGBA list match a predicate. */
export function countPixels(rgba: number[], match: (r: number, g: number, b: number, a: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) if (match(rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])) n++;
  return n;
}

export const isRaceRed = (r: number, g: number, b: number, a: number): boolean => a > 150 && r > 200 && g < 110 && b < 110;
export const isQueueBlue = (r: number, g: number, b: number, a: number): boolean => a > 120 && b > 190 && r < 140 && g > 90 && g < 200;
export const isOpaque = (_r: number, _g: number, _b: number, a: number): boolean => a > 200;

/** A message the page posted to VS Code. */
export interface Posted { type: string; [k: string]: unknown }

/**
 * The webview as VS Code hosts it: the bundle under a nonce CSP in a page written to
 * RESULTS/NAME.html, with a stand-in for acquireVsCodeApi that keeps what the page posts and its
 * saved state (starting at `initialState`).
 */
export async function openHosted(session: Session, name: string, initialState: unknown = undefined): Promise<{ page: Page; errors: string[] }> {
  const { js, css } = await webviewBundle();
  const nonce = makeNonce();
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.html`);
  writeFileSync(path, `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}';">
<style nonce="${nonce}">${css}</style></head><body class="vscode-dark"><main id="app" aria-label="Interleave timeline"></main>
<script nonce="${nonce}">${js.replace(/<\/script/gi, '<\\/script')}</script></body></html>`);
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A stand-in for VS Code's webview API (init scripts run before the page's own).
  await page.addInitScript((state) => {
    const g = globalThis as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
    g.__posted = [];
    g.__state = state;
    g.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => { g.__posted.push(m); },
      getState: () => g.__state,
      setState: (s: unknown) => { g.__state = s; },
    });
  }, initialState);
  await page.goto(`file://${path}`);
  return { page, errors };
}

/** What the page has posted so far. */
export async function posted(page: Page): Promise<Posted[]> {
  return page.evaluate(() => (globalThis as unknown as { __posted: Posted[] }).__posted);
}

/** A message to the page, as VS Code's postMessage delivers it. */
export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}
