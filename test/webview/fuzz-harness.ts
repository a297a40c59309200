/**
 * The webview fuzzer's generators and page harness (used by fuzz.test.ts).
 *
 * Generators: the loader fuzzer's trace arbitraries (test/unit/hostile/trace-arbitraries.ts) with
 * every string drawn from script and markup payloads, wrapped into the messages the extension
 * posts (load + report, or start + batches + report + finished), plus interactions (lane and
 * finding clicks, hovers, keys, search) that put those strings into the detail pane and tooltip.
 *
 * Page: the real bundle as VS Code hosts it (acquireVsCodeApi, the extension's CSP with a nonce,
 * messages through window.postMessage so they are structured-cloned), loaded once. A small
 * runtime installed before the page's own script records, per case: errors and unhandled
 * rejections, any write to window.__pwned (a setter trap), CSP violations (a payload that became
 * markup shows up here even when the CSP stops it), elements or attributes that can run script or
 * load anything (a MutationObserver), and what the webview posted back.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { contentSecurityPolicy } from '../../src/extension/webview-html';
import { makeNonce } from '../../src/runner/export-html';
import { SCHEMA_VERSION } from '../../src/shared/events';
import { parseToWebview } from '../../src/shared/protocol';
import { ChunkType, TRACE_MAGIC, encodeJsonChunk, parseTrace } from '../../src/shared/trace-file';
import { concat, traceArbitraries } from '../unit/hostile/trace-arbitraries';
import { RESULTS, type Session, webviewBundle } from './browser';

/** Strings that become script if any of them is ever treated as markup or a URL. */
export const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '<img src=x onerror="alert(1)">',
  '<script>window.__pwned=1</script>',
  '</script><script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "'><svg/onload=window.__pwned=1>",
  '<iframe src="javascript:window.parent.__pwned=1">',
  "<iframe srcdoc='<script>parent.__pwned=1</script>'>",
  '<a href="javascript:window.__pwned=1">x</a>',
  'javascript:window.__pwned=1',
  'javascript:window.__pwned=1:3:5',
  '<img src=x onerror=window.__pwned=1>.ts:7:2',
  '/home/u/"><svg onload=window.__pwned=1>.ts:12',
  'data:text/html,<script>window.__pwned=1</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<details open ontoggle=window.__pwned=1>',
  '<link rel=stylesheet href=http://127.0.0.1:9/x.css>',
  '<style>@import "http://127.0.0.1:9/x.css";</style>',
  '<base href="http://127.0.0.1:9/">',
  '${window.__pwned=1}',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '\u202e<b>rtl</b>\u0000\ud800\u2028',
  'http://127.0.0.1:9/x.png',
];

const payload = fc.constantFrom(...PAYLOADS);

/** Every string a trace or a message carries: a payload, alone or inside other text, or plain text. */
export const payloadText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: payload },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 6 }), payload, fc.string({ maxLength: 6 })).map(([a, p, b]) => a + p + b) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(payload, fc.nat(2000)).map(([p, n]) => 'x'.repeat(n) + p) },
);

const KINDS = ['data-race', 'lost-update', 'deadlock', 'lock-order-inversion', 'abandoned-lock', 'worker-error', 'timeout'];
const line = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, -0, 1e9, Number.MAX_SAFE_INTEGER) },
);
const location = fc.record({ file: payloadText, line }, { requiredKeys: ['file', 'line'] });
const recordRef = fc.record({ record: fc.oneof({ weight: 8, arbitrary: fc.nat(60) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1e9, 2 ** 53, 0.5) }) });
const pid = fc.integer({ min: 0, max: 5 });

/** A report as the analysis would send it, with payload strings and record references in and out of range. */
export const reportArb = fc.record({
  result: fc.constantFrom('ok', 'error', 'timeout', 'deadlock', 'weird'),
  findings: fc.array(fc.record({
    kind: fc.oneof(fc.constantFrom(...KINDS), payloadText),
    message: payloadText,
    objects: fc.array(payloadText, { maxLength: 3 }),
    processes: fc.array(payloadText, { maxLength: 3 }),
    locations: fc.array(location, { maxLength: 3 }),
  }), { maxLength: 5 }),
  queues: fc.array(fc.record({ name: payloadText, puts: fc.nat(9), gets: fc.nat(9) }), { maxLength: 2 }),
  locks: fc.array(fc.record({ name: payloadText, acquisitions: fc.nat(9), contended: fc.nat(3), waitMs: fc.double({ min: 0, max: 5, noNaN: true }), holdMs: fc.double({ min: 0, max: 5, noNaN: true }) }), { maxLength: 2 }),
  races: fc.array(fc.record({ finding: fc.nat(5), first: recordRef, second: recordRef }), { maxLength: 4 }),
  lostUpdates: fc.array(fc.record({ finding: fc.nat(5), lost: fc.nat(4), updates: fc.array(fc.record({ writeRecord: fc.nat(60), overwrittenRecord: fc.option(fc.nat(60)) }), { maxLength: 3 }) }), { maxLength: 2 }),
  deadlocks: fc.array(fc.record({ finding: fc.nat(5), waits: fc.array(fc.record({ waiterPid: pid, object: payloadText, holderPid: fc.option(pid) }), { maxLength: 3 }) }), { maxLength: 2 }),
}, { requiredKeys: ['findings'] });

/** What the test does with the page after the messages: each reads payload strings into the DOM. */
export interface Interactions {
  lanes: number[];
  findings: number[];
  hovers: [number, number][];
  clicks: [number, number][];
  keys: string[];
  search: string | null;
  reveal: boolean;
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });
export const interactionsArb: fc.Arbitrary<Interactions> = fc.record({
  lanes: fc.array(fc.nat(40), { maxLength: 3 }),
  findings: fc.array(fc.nat(8), { maxLength: 2 }),
  hovers: fc.array(fc.tuple(unit, unit), { maxLength: 3 }),
  clicks: fc.array(fc.tuple(unit, unit), { maxLength: 2 }),
  keys: fc.array(fc.constantFrom(']', '[', 'n', 'N', 'Enter', 'ArrowDown', 'ArrowUp', 'ArrowLeft', '+', '-', '0', 'Escape'), { maxLength: 4 }),
  search: fc.option(fc.oneof(payloadText, fc.constantFrom('<', 'onerror', 'script', 'x', '__proto__')), { freq: 3 }),
  reveal: fc.boolean(),
});

export interface FuzzCase {
  mode: 'load' | 'live';
  messages: unknown[];
  interactions: Interactions;
}

const traces = traceArbitraries(payloadText);
const title = fc.option(payloadText, { freq: 8 });

/** A whole trace file (valid-ish, mutated or junk), maybe followed by its report. */
const loadCase = fc.tuple(traces.hostileTrace, title, fc.option(reportArb, { freq: 2 })).map(([trace, t, report]) => [
  t === null ? { type: 'load', trace } : { type: 'load', trace, title: t },
  ...(report ? [{ type: 'report', report }] : []),
]);

/** A live run: start, batches, maybe a report, maybe finished; sometimes out of order. */
const liveCase = fc.tuple(
  traces.header, title,
  fc.array(fc.record({ strings: traces.strings, events: traces.events }), { minLength: 1, maxLength: 6 }),
  fc.option(reportArb, { freq: 3 }),
  fc.option(traces.footer, { freq: 4 }),
  fc.integer({ min: -1, max: 3 }),
  fc.nat(),
).map(([header, t, batches, report, footer, exitStatus, shuffle]) => {
  const messages: unknown[] = [t === null ? { type: 'start', header } : { type: 'start', header, title: t }];
  for (const b of batches) messages.push({ type: 'batch', strings: b.strings, events: b.events });
  if (report) messages.push({ type: 'report', report });
  if (footer) messages.push({ type: 'finished', footer, exitStatus });
  // One case in eight moves one message elsewhere (a batch before start, a report before events).
  if (shuffle % 8 === 0 && messages.length > 1) {
    const [m] = messages.splice(shuffle % messages.length, 1);
    messages.splice((shuffle >> 3) % (messages.length + 1), 0, m);
  }
  return messages;
});

export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(loadCase, interactionsArb).map(([messages, interactions]): FuzzCase => ({ mode: 'load', messages, interactions })) },
  { weight: 1, arbitrary: fc.tuple(liveCase, interactionsArb).map(([messages, interactions]): FuzzCase => ({ mode: 'live', messages, interactions })) },
);

// ---------------------------------------------------------------------------------------------
// The page

/** What one case left behind in the page. */
export interface CaseResult {
  status: string;
  statusChanged: boolean;
  posted: unknown[];
  errors: string[];
  pwned: string[];
  violations: string[];
  injected: string[];
  polluted: string[];
  frames: number;
}

/**
 * Installed before the page's own script (plain JS: no TypeScript transform touches it). The
 * message listener registered here runs before the webview's and swallows the harness's own
 * "done" markers.
 */
const PAGE_RUNTIME = String.raw`(() => {
  const g = window;
  let current = -1;
  let armed = false;
  const log = { errors: [], pwned: [], violations: [], injected: [] };
  const posted = [];
  let state = g.__fuzzInitialState;
  g.acquireVsCodeApi = () => ({
    postMessage: (m) => { posted.push(m); },
    getState: () => state,
    setState: (s) => { state = s; },
  });
  Object.defineProperty(g, '__pwned', { configurable: false, get() { return undefined; }, set(v) { log.pwned.push('case ' + current + ': window.__pwned = ' + String(v)); } });
  g.addEventListener('error', (e) => { log.errors.push('case ' + current + ': ' + String(e.message) + (e.error && e.error.stack ? '\n' + e.error.stack : '')); });
  g.addEventListener('unhandledrejection', (e) => { log.errors.push('case ' + current + ': unhandled rejection: ' + String(e.reason && e.reason.stack ? e.reason.stack : e.reason)); });
  document.addEventListener('securitypolicyviolation', (e) => { log.violations.push('case ' + current + ': ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' ' + (e.sample || '')); });
  const BAD_TAGS = /^(script|img|image|iframe|frame|frameset|object|embed|link|meta|base|form|a|use|foreignobject|animate|set|style|video|audio|source|template|math|details|input|textarea)$/i;
  const ALLOWED_INPUTS = /^(il-follow|il-search|il-cat-|il-lane-)/;
  const BAD_ATTR = /^(on|href$|src$|srcdoc$|xlink:href$|formaction$|action$|data$|srcset$|background$|poster$)/i;
  const check = (node) => {
    if (!armed || node.nodeType !== 1) return;
    const tag = node.localName;
    // The webview's own inputs (follow, search, filter checkboxes) and its filter <details>.
    const own = (tag === 'input' && ALLOWED_INPUTS.test(node.id)) || (tag === 'details' && node.classList.contains('il-filters'));
    if (BAD_TAGS.test(tag) && !own) log.injected.push('case ' + current + ': <' + tag + '> ' + node.outerHTML.slice(0, 200));
    for (const a of node.attributes) if (BAD_ATTR.test(a.name)) log.injected.push('case ' + current + ': attribute ' + a.name + '=' + a.value.slice(0, 100) + ' on <' + tag + '>');
    for (const child of node.children) check(child);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'childList') for (const n of r.addedNodes) check(n);
      else if (r.type === 'attributes' && BAD_ATTR.test(r.attributeName)) log.injected.push('case ' + current + ': attribute ' + r.attributeName + ' set on <' + r.target.localName + '>');
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', () => { armed = true; });
  const waiters = new Map();
  g.addEventListener('message', (e) => {
    const d = e.data;
    if (d !== null && typeof d === 'object' && typeof d.__fuzzDone === 'number') {
      e.stopImmediatePropagation();
      const w = waiters.get(d.__fuzzDone);
      if (w) { waiters.delete(d.__fuzzDone); w(); }
    }
  });
  let token = 0;
  /** Posts messages as the host does and resolves once the webview has handled all of them. */
  const deliver = (messages, asJson, viaPostMessage) => {
    if (!viaPostMessage) {
      // The same delivery without the task hop: a structured clone (what postMessage sends),
      // dispatched as a MessageEvent; a listener's exception is still reported to window.onerror.
      for (const m of messages) g.dispatchEvent(new MessageEvent('message', { data: structuredClone(asJson ? JSON.parse(m) : m), origin: location.origin }));
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      for (const m of messages) g.postMessage(asJson ? JSON.parse(m) : m, '*');
      const id = token++;
      waiters.set(id, resolve);
      g.postMessage({ __fuzzDone: id }, '*');
    });
  };
  const POLLUTION = ['polluted', 'isAdmin', '__fuzz'];
  const pollution = () => {
    const out = [];
    for (const k of POLLUTION) if (k in Object.prototype || k in Array.prototype || k in Function.prototype) out.push('case ' + current + ': Object/Array/Function.prototype.' + k + ' exists');
    if (Object.getPrototypeOf({}) !== Object.prototype) out.push('case ' + current + ': {} has a new prototype');
    return out;
  };
  const statusEl = () => document.querySelector('.il-status > span');
  const appOf = () => g.__interleave.app;
  const interact = (x) => {
    const plot = document.querySelector('.il-plot');
    const r = plot.getBoundingClientRect();
    const at = (fx, fy) => ({ clientX: r.left + fx * r.width, clientY: r.top + fy * r.height, bubbles: true });
    const labels = document.querySelectorAll('.il-lane-label[data-lane]');
    for (const i of x.lanes) if (labels.length) labels[i % labels.length].click();
    const findings = document.querySelectorAll('.il-finding');
    for (const i of x.findings) if (findings.length) findings[i % findings.length].click();
    for (const [fx, fy] of x.hovers) plot.dispatchEvent(new PointerEvent('pointermove', at(fx, fy)));
    for (const [fx, fy] of x.clicks) plot.dispatchEvent(new MouseEvent('click', at(fx, fy)));
    for (const key of x.keys) plot.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    if (x.reveal) { const b = document.querySelector('.il-reveal'); if (b) b.click(); }
    if (x.search !== null) {
      const box = document.getElementById('il-search');
      box.value = x.search;
      box.dispatchEvent(new Event('input'));
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      box.value = '';
      box.dispatchEvent(new Event('input'));
    }
    plot.dispatchEvent(new PointerEvent('pointerleave', {}));
  };
  const SENTINEL = '\u2063fuzz';
  g.__fuzz = {
    /** One case: messages, a frame drawn now, the interactions, another frame. */
    async run(index, messages, interactions, asJson, viaPostMessage, fresh) {
      current = index;
      // A message built in the page (huge arrays: cheaper than passing them in).
      messages = messages.map((m) => (m === '__fuzzHuge' ? g.__fuzzHuge : m));
      const from = { e: log.errors.length, p: log.pwned.length, v: log.violations.length, i: log.injected.length, posted: posted.length };
      // Every case starts from the same state (an empty trace), so a shrunk case replays alone.
      // (A case that opens with a valid load or start resets the model itself.)
      if (g.__fuzzReset && !fresh) await deliver([{ type: 'load', trace: g.__fuzzReset, title: 'reset' }], false, false);
      const follow = document.getElementById('il-follow');
      if (follow.checked) { follow.checked = false; follow.dispatchEvent(new Event('change')); }
      document.querySelector('.il-scroller').scrollTop = 0;
      const status = statusEl();
      status.textContent = SENTINEL;
      await deliver(messages, asJson, viaPostMessage);
      const app = appOf();
      try {
        app.frame();
        if (interactions) interact(interactions);
        app.frame();
        app.inspect();
      } catch (e) {
        log.errors.push('case ' + index + ': thrown: ' + (e && e.stack ? e.stack : String(e)));
      }
      const text = statusEl().textContent;
      return {
        status: text, statusChanged: text !== SENTINEL, posted: posted.slice(from.posted),
        errors: log.errors.slice(from.e), pwned: log.pwned.slice(from.p), violations: log.violations.slice(from.v), injected: log.injected.slice(from.i),
        polluted: pollution(), frames: Number(document.querySelector('.il-app').dataset.frames),
      };
    },
    /** Many cases in one call: [index, messages, interactions, viaPostMessage][]. */
    async runMany(list) {
      const out = [];
      for (const [i, m, x, p, f] of list) out.push(await g.__fuzz.run(i, m, x, false, p, f));
      return out;
    },
    /** Waits for two real animation frames (the webview's own requestAnimationFrame path). */
    frames: () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
    log,
  };
})();`;

export interface FuzzPage {
  page: Page;
  /** pageerror, console errors and unexpected warnings, dialogs and network requests, as they arrive. */
  outside: string[];
  /** Console warnings of malformed messages the webview ignored. */
  ignored: { count: number };
}

/** The bundle as VS Code hosts it, under the extension's own CSP; one page for many cases. */
export async function openFuzzPage(session: Session, initialState?: unknown): Promise<FuzzPage> {
  const { js, css } = await webviewBundle();
  const nonce = makeNonce();
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, 'fuzz-host.html');
  // An origin nothing is served from stands in for webview.cspSource: nothing may load at all.
  const csp = contentSecurityPolicy('https://fuzz.invalid', nonce);
  writeFileSync(path, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${nonce}">${css}</style></head><body class="vscode-dark"><main id="app" aria-label="Interleave timeline"></main>
<script nonce="${nonce}">${js.replace(/<\/script/gi, '<\\/script')}</script></body></html>`);
  const page = await session.context.newPage();
  // A smaller window than the other tests: less to lay out and fill per case, same code paths.
  await page.setViewportSize({ width: 900, height: 520 });
  const outside: string[] = [];
  const ignored = { count: 0 };
  page.on('pageerror', (e) => outside.push(`pageerror: ${e.stack ?? e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'warning' && text === 'interleave: ignored a malformed message') { ignored.count++; return; }
    if (m.type() === 'error' || m.type() === 'warning') outside.push(`console.${m.type()}: ${text}`);
  });
  page.on('dialog', (d) => { outside.push(`dialog ${d.type()}: ${d.message()}`); void d.dismiss().catch(() => undefined); });
  page.on('request', (r) => { if (!r.url().startsWith('file://')) outside.push(`request: ${r.url()}`); });
  page.on('popup', (p) => outside.push(`popup: ${p.url()}`));
  await page.addInitScript(`window.__fuzzInitialState = ${JSON.stringify(initialState ?? null) ?? 'null'};\n${PAGE_RUNTIME}`);
  await page.goto(`file://${path}`);
  await page.waitForFunction(() => (globalThis as unknown as { __interleave?: unknown }).__interleave !== undefined);
  const empty = concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, { schema: SCHEMA_VERSION, script: 'reset.ts', epochWallMs: 0, cpuCount: 2, platform: 'linux', coresKnown: false, locations: 'all' })]);
  await page.evaluate((bytes) => { (globalThis as unknown as { __fuzzReset: Uint8Array }).__fuzzReset = bytes; }, empty);
  return { page, outside, ignored };
}

/** Whether a case's first message resets the webview by itself (a valid start, or a load of a trace that parses). */
export function opensFresh(messages: unknown[]): boolean {
  const first = messages.length > 0 ? parseToWebview(messages[0]) : null;
  if (first === null) return false;
  if (first.type === 'start') return true;
  if (first.type !== 'load') return false;
  try {
    parseTrace(first.trace);
    return true;
  } catch {
    return false;
  }
}

/** Runs one case in the page; rejects after `timeoutMs` (a hang). */
export async function runInPage(fp: FuzzPage, index: number, messages: unknown[], interactions: Interactions | null, options: { asJson?: boolean; timeoutMs?: number; viaPostMessage?: boolean; fresh?: boolean } = {}): Promise<CaseResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`case ${index}: no answer in ${options.timeoutMs ?? 10000} ms (a hang)`)), options.timeoutMs ?? 10000); });
  try {
    return await Promise.race([
      fp.page.evaluate(([i, m, x, j, p, f]) => (globalThis as unknown as { __fuzz: { run(i: number, m: unknown[], x: unknown, j: boolean, p: boolean, f: boolean): Promise<CaseResult> } }).__fuzz.run(i, m, x, j, p, f),
        [index, messages, interactions, options.asJson === true, options.viaPostMessage !== false, options.fresh === true] as const),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a chunk of cases in one call (far fewer round trips than one call per case). */
export async function runManyInPage(fp: FuzzPage, list: [number, unknown[], Interactions | null, boolean, boolean][], timeoutMs = 60_000): Promise<CaseResult[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`cases ${list[0]?.[0]}..: no answer in ${timeoutMs} ms (a hang)`)), timeoutMs); });
  try {
    return await Promise.race([
      fp.page.evaluate((l) => (globalThis as unknown as { __fuzz: { runMany(l: unknown): Promise<CaseResult[]> } }).__fuzz.runMany(l), list),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
