/**
 * Fuzzes the timeline webview in headless Chromium (issue 6, "Hostile input"):
 *
 * 1. WEBVIEW_FUZZ_RUNS (default 10,000) generated cases through the host-mode protocol, in one
 *    page: a whole trace (valid-ish, mutated or junk; see test/unit/hostile/trace-arbitraries.ts)
 *    posted as `load` with maybe a `report`, or a live run (`start`, `batch`es, `report`,
 *    `finished`, sometimes out of order); every string a payload (<img onerror>, <script>,
 *    javascript: URLs, "><svg onload>, ...). Then clicks on lanes and findings, hovers, keys and a
 *    search put those strings into the detail pane, the tooltip and the gutter. Per case: nothing
 *    thrown (window error, unhandled rejection, pageerror, console error), no write to
 *    window.__pwned, no dialog, no CSP violation, no element or attribute that can run script or
 *    load anything, no request, no prototype polluted, every message posted back accepted by
 *    parseFromWebview, and the status line rewritten whenever a message was valid. Cases run in
 *    chunks of CHUNK per round trip (about 9 ms a case here: 10,000 in about 90-110 s on the 2
 *    shared cores); each starts from an empty timeline. One in eight goes through
 *    window.postMessage, the rest as the same structured-cloned MessageEvent dispatched at once.
 *    The cases are fast-check's for the seed, so a failing case i is replayed with fc.assert at
 *    path "i", shrunk, and reported with its seed and path (also written to
 *    test-results/webview/fuzz-failure.json).
 * 2. Messages of the wrong shape: random values, valid messages with one field replaced, deleted
 *    or given a prototype-pollution key, huge arrays; posted to the page (which must ignore or
 *    report them, never throw) and given to parseToWebview / parseFromWebview in Node (which
 *    return null or a well-formed message, never throw, and pollute nothing).
 *
 * A longer run (the file alone):
 *   WEBVIEW_FUZZ_RUNS=40000 WEBVIEW_FUZZ_SHAPE_RUNS=8000 npx mocha --no-config -r sucrase/register/ts --timeout 0 test/webview/fuzz.test.ts
 * WEBVIEW_FUZZ_SEED replays a run (the seed is printed with the counts, and on failure).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { REPORT_LIMITS, parseFromWebview, parseReport, parseToWebview, parseWebviewState, type FromWebview } from '../../src/shared/protocol';
import { RESULTS, type Session, launch } from './browser';
import { type CaseResult, type FuzzPage, fuzzCaseArb, interactionsArb, openFuzzPage, payloadText, reportArb, opensFresh, runInPage, runManyInPage } from './fuzz-harness';
import { raceTrace } from './scenarios';

const RUNS = Number(process.env.WEBVIEW_FUZZ_RUNS ?? 10_000);
// CI replays one fixed seed, so a green main stays green; elsewhere each run explores anew.
const SEED = process.env.WEBVIEW_FUZZ_SEED !== undefined ? Number(process.env.WEBVIEW_FUZZ_SEED) : process.env.CI ? 20261126 : undefined;
/** Wrong-shape deliveries (each 1-4 messages); WEBVIEW_FUZZ_SHAPE_RUNS overrides. */
const SHAPE_RUNS = Number(process.env.WEBVIEW_FUZZ_SHAPE_RUNS ?? Math.max(500, Math.floor(RUNS / 10)));

const CHUNK = 25;

/** Whether any message would rewrite the status line (all but a report do, when valid). */
function anyValidMessage(messages: unknown[]): boolean {
  return messages.some((m) => {
    const parsed = parseToWebview(m);
    return parsed !== null && parsed.type !== 'report';
  });
}

/** Everything wrong with one case, or [] when it passed. */
function problems(result: CaseResult, outside: string[], anyValid: boolean): string[] {
  const out = [...result.errors, ...result.pwned, ...result.violations, ...result.injected, ...result.polluted, ...outside];
  if (anyValid && !result.statusChanged) out.push(`the status line was not rewritten (${JSON.stringify(result.status)})`);
  for (const m of result.posted) {
    if (parseFromWebview(m) === null) out.push(`posted a message the host drops: ${JSON.stringify(m).slice(0, 300)}`);
  }
  return out;
}

/** A readable copy of a counterexample (typed arrays as arrays, long strings cut). */
function printable(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number>).map((n) => (Number.isFinite(n) ? n : String(n))) };
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (typeof v === 'string' && v.length > 300) return `${v.slice(0, 300)}… (${v.length} chars)`;
    return v;
  }));
}

function report(name: string, error: unknown): never {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.txt`);
  const text = error instanceof Error ? error.message : String(error);
  writeFileSync(file, text);
  throw new Error(`${text.slice(0, 6000)}\n(full report: ${file})`);
}

describe(`webview fuzz: ${RUNS.toLocaleString('en-US')} hostile traces and runs through the VS Code protocol (headless Chromium)`, function () {
  this.timeout(Math.max(120_000, RUNS * 60));
  let session: Session;
  let fp: FuzzPage;
  before(async () => {
    session = await launch();
    fp = await openFuzzPage(session);
  });
  after(async () => { await session?.close(); });

  /** Runs one case; reopens the page after a hang so that shrinking can go on. */
  async function runCase(index: number, messages: unknown[], interactions: Parameters<typeof runInPage>[3]): Promise<string[]> {
    fp.outside.length = 0;
    let result: CaseResult;
    try {
      // One case in eight through window.postMessage (a task per message, as VS Code delivers);
      // the rest as the same structured-cloned MessageEvent dispatched at once (no task hop).
      result = await runInPage(fp, index, messages, interactions, { viaPostMessage: index % 8 === 0, fresh: opensFresh(messages) });
    } catch (error) {
      await fp.page.close().catch(() => undefined);
      fp = await openFuzzPage(session);
      return [String(error instanceof Error ? error.message : error)];
    }
    return problems(result, [...fp.outside], anyValidMessage(messages));
  }

  it('no payload runs, nothing throws, nothing loads, the page keeps answering', async () => {
    const seed = SEED ?? (Date.now() ^ (Math.random() * 2 ** 31)) | 0;
    const started = performance.now();
    let loads = 0;
    let lives = 0;
    let slowestChunk = 0;
    let failedAt = -1;
    let firstProblems: string[] = [];
    // The cases of fc.assert with this seed, in order (case i is what path "i" replays), run in
    // chunks: one round trip per chunk instead of one per case.
    const cases = fc.sample(fuzzCaseArb, { numRuns: RUNS, seed });
    for (let from = 0; from < cases.length && failedAt < 0; from += CHUNK) {
      const chunk = cases.slice(from, from + CHUNK);
      const t = performance.now();
      fp.outside.length = 0;
      let results: CaseResult[];
      try {
        results = await runManyInPage(fp, chunk.map((c, k) => [from + k, c.messages, c.interactions, (from + k) % 8 === 0, opensFresh(c.messages)]));
      } catch (error) {
        failedAt = from;
        firstProblems = [String(error)];
        await fp.page.close().catch(() => undefined);
        fp = await openFuzzPage(session);
        break;
      }
      slowestChunk = Math.max(slowestChunk, performance.now() - t);
      for (let k = 0; k < results.length; k++) {
        const c = chunk[k];
        if (c.mode === 'load') loads++;
        else lives++;
        // (errors outside the page's own log cannot be tied to a case: charged to the chunk's first)
        const found = problems(results[k], k === 0 ? [...fp.outside] : [], anyValidMessage(c.messages));
        if (found.length > 0 && failedAt < 0) { failedAt = from + k; firstProblems = found; }
      }
      if (failedAt < 0 && fp.outside.length > 0) { failedAt = from; firstProblems = [...fp.outside]; }
      // Now and then let the webview's own requestAnimationFrame path draw too.
      if ((from / CHUNK) % 10 === 0) await fp.page.evaluate(() => (globalThis as unknown as { __fuzz: { frames(): Promise<null> } }).__fuzz.frames());
    }
    const ms = performance.now() - started;
    if (failedAt >= 0) {
      // Replay from the failing case with fast-check, one case per call, and shrink it.
      try {
        await fc.assert(
          fc.asyncProperty(fuzzCaseArb, async (c) => {
            const found = await runCase(failedAt, c.messages, c.interactions);
            if (found.length > 0) throw new Error(found.join('\n'));
          }),
          { seed, path: String(failedAt), reporter: (details) => {
            if (!details.failed) throw new Error(`case ${failedAt} (seed ${seed}) failed in its chunk but not alone: ${firstProblems.join('\n')}`);
            const example = details.counterexample ? printable(details.counterexample[0]) : null;
            mkdirSync(RESULTS, { recursive: true });
            writeFileSync(join(RESULTS, 'fuzz-failure.json'), JSON.stringify({ seed, path: details.counterexamplePath, error: String(details.errorInstance), counterexample: example }, null, 1));
            throw new Error(`webview fuzz: case ${failedAt} failed (seed ${seed}, shrunk path "${details.counterexamplePath}"; replay: WEBVIEW_FUZZ_SEED=${seed})\n` +
              `${firstProblems.join('\n')}\nshrunk: ${String(details.errorInstance)}\nshrunk case: ${JSON.stringify(example).slice(0, 3000)}`);
          } },
        );
      } catch (error) {
        report('fuzz-failure', error);
      }
    }
    // The page still works: a known trace loads and draws through the real message path.
    const frames = await fp.page.evaluate(() => Number(document.querySelector('.il-app')!.getAttribute('data-frames')));
    await fp.page.evaluate((trace) => window.postMessage({ type: 'load', trace, title: 'race' }, '*'), raceTrace().bytes());
    await fp.page.waitForFunction((n) => Number(document.querySelector('.il-app')!.getAttribute('data-frames')) > n
      && /events · 3 workers/.test(document.querySelector('.il-status')!.textContent || ''), frames, { timeout: 10000 });
    console.log(`      ${cases.length} cases (${loads} loads, ${lives} live runs) in ${(ms / 1000).toFixed(1)} s (seed ${seed}), chunks of ${CHUNK}, slowest chunk ${slowestChunk.toFixed(0)} ms, ${fp.ignored.count} malformed messages ignored`);
    assert.deepEqual(fp.outside, []);
  });
});

// ---------------------------------------------------------------------------------------------
// Messages of the wrong shape

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A valid message of each kind the host posts. */
function templates(): unknown[] {
  const bytes = raceTrace().bytes();
  const header = { schema: 1, script: 'a.ts', epochWallMs: 1, cpuCount: 2, platform: 'linux', coresKnown: true, locations: 'all' };
  const footer = { result: 'error', message: 'm', processes: [{ id: 0, name: 'MainProcess', exitCode: 1, error: 'e' }], dropped: 0, deadlock: { edges: [{ waiter: 1, object: 2, holder: 3 }] }, durationMs: 5 };
  const events = [0.5, 11, 0, 0, -1, -1, -1, -1, 1, 80, 0, -1, 7, -1, -1, 8];
  return [
    { type: 'load', trace: bytes, title: 't' },
    { type: 'start', header, title: 's' },
    { type: 'batch', strings: [[7, 'label'], [8, 'a.ts:3:1']], events: new Float64Array(events) },
    { type: 'report', report: { result: 'ok', findings: [{ kind: 'data-race', message: 'm', objects: ['v'], processes: ['p'], locations: [{ file: 'a.ts', line: 3 }] }], races: [{ finding: 0, first: { record: 0 }, second: { record: 1 } }], locks: [{ name: 'L', acquisitions: 1 }] } },
    { type: 'finished', footer, exitStatus: 1 },
    { type: 'reveal', file: '/a.ts', line: 3, column: 2 },
    { type: 'state', state: { version: 1, view: { t0: 1, t1: 2 }, follow: true, search: 's', hiddenLanes: ['w:1'], hiddenCategories: ['memory'] } },
    { type: 'ready' },
  ];
}

/** Every [container, key] inside a message, depth first (typed arrays are leaves). */
function slots(x: unknown, out: [Record<string, unknown>, string][] = [], seen = new Set<unknown>()): [Record<string, unknown>, string][] {
  if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x) || seen.has(x)) return out;
  seen.add(x);
  for (const key of Object.keys(x)) {
    out.push([x as Record<string, unknown>, key]);
    slots((x as Record<string, unknown>)[key], out, seen);
  }
  return out;
}

/** A fresh copy of a generated value (constants are shared between runs: never edit them in place). */
function fresh(x: unknown): unknown {
  try {
    return structuredClone(x);
  } catch {
    return x;
  }
}

const DELETE = Symbol('delete');
const strange: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withDate: true, withBigInt: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, -1, '', '0', '1', [], {}, null, undefined, true, 'load', [[1, 'x']], [[1, 2]], new Float64Array(7), new Uint8Array(3), new Int32Array([1, 2])),
  payloadText,
);

/** Valid messages with 1-3 fields replaced, deleted, or given pollution keys. */
const wrongShape: fc.Arbitrary<{ value: unknown; json: boolean }> = fc.tuple(
  fc.nat(7),
  fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 4, arbitrary: strange }, { weight: 1, arbitrary: fc.constant(DELETE) }), fc.option(fc.constantFrom(...POLLUTION_KEYS), { freq: 4 })), { minLength: 1, maxLength: 3 }),
).map(([which, edits]) => {
  const message = structuredClone(templates()[which]);
  let json = false;
  for (const [at, value, pollute] of edits) {
    const all = slots(message);
    if (all.length === 0) break;
    const [container, key] = all[at % all.length];
    if (pollute !== null) {
      // An own property named __proto__ (as JSON.parse makes it): sent as JSON text.
      Object.defineProperty(container, pollute, { value: { polluted: 1, isAdmin: true, prototype: { polluted: 1 } }, enumerable: true, configurable: true, writable: true });
      json = true;
    } else if (value === DELETE) delete container[key];
    else container[key] = fresh(value);
  }
  return { value: message, json };
});

const anyMessage: fc.Arbitrary<{ value: unknown; json: boolean }> = fc.oneof(
  { weight: 3, arbitrary: wrongShape },
  { weight: 1, arbitrary: strange.map((value) => ({ value, json: false })) },
  { weight: 1, arbitrary: fc.tuple(fc.string(), strange).map(([type, value]) => ({ value: { type, value, trace: value, report: value }, json: false })) },
);

/** Only what survives postMessage and Playwright's argument passing; JSON text for pollution keys. */
function transportable(m: { value: unknown; json: boolean }): { value: unknown; json: boolean } | null {
  if (m.json) {
    const text = JSON.stringify(m.value, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : typeof v === 'bigint' ? String(v) : v));
    return text === undefined ? null : { value: text, json: true };
  }
  try {
    structuredClone(m.value);
    return m;
  } catch {
    return null;
  }
}

/**
 * fast-check's own report cannot print every counterexample (an array given a `constructor` key
 * breaks its stringifier): print through JSON, and never fail while reporting.
 */
function shapeReporter<T>(what: string): (details: fc.RunDetails<T>) => void {
  return (details) => {
    if (!details.failed) return;
    let example = '';
    try { example = JSON.stringify(details.counterexample ? printable(details.counterexample) : null).slice(0, 3000); } catch (e) { example = `(unprintable: ${String(e)})`; }
    const error = details.errorInstance instanceof Error ? `${details.errorInstance.stack ?? details.errorInstance.message}` : String(details.errorInstance);
    throw new Error(`wrong-shape messages, ${what}: failed (seed ${details.seed}, path "${details.counterexamplePath}"; replay: WEBVIEW_FUZZ_SEED=${details.seed})\n${error.slice(0, 3000)}\nshrunk case: ${example}`);
  };
}

/** A normalised FromWebview is exactly one of the kinds, with the documented field types. */
function wellFormedFromWebview(m: FromWebview): boolean {
  switch (m.type) {
    case 'ready': return Object.keys(m).length === 1;
    case 'reveal': return m.file.length > 0 && Number.isInteger(m.line) && m.line >= 1 && (m.column === undefined || (Number.isInteger(m.column) && m.column >= 1));
    case 'state': return parseWebviewState(m.state) !== null && (m.state.view === null || m.state.view.t1 > m.state.view.t0);
    case 'step': return m.answer.action !== 'pick' || (Number.isInteger(m.answer.pid) && m.answer.pid >= 0);
    case 'stepShown': return Number.isInteger(m.index) && m.index >= 0 && m.threads.every((t) => typeof t === 'string') && m.values.every((v) => typeof v === 'string');
  }
}

describe(`webview fuzz: ${SHAPE_RUNS.toLocaleString('en-US')} messages of the wrong shape`, function () {
  this.timeout(Math.max(120_000, SHAPE_RUNS * 60));
  let session: Session;
  let fp: FuzzPage;
  before(async () => {
    session = await launch();
    fp = await openFuzzPage(session);
  });
  after(async () => { await session?.close(); });

  it('parseFromWebview / parseToWebview (Node): null or a well-formed message, never a throw or a polluted prototype', () => {
    fc.assert(fc.property(anyMessage, (m) => {
      const value = m.json ? JSON.parse(JSON.stringify(m.value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null') : m.value;
      for (const x of [value, m.value]) {
        const from = parseFromWebview(x);
        if (from !== null) {
          assert.ok(wellFormedFromWebview(from), JSON.stringify(from));
          assert.deepEqual(parseFromWebview(from), from, 'a normalised message parses to itself');
        }
        const to = parseToWebview(x);
        if (to !== null) assert.deepEqual(parseToWebview(to), to, 'a normalised message parses to itself');
      }
      const probe = {} as Record<string, unknown>;
      assert.equal(probe.polluted, undefined, 'Object.prototype polluted');
      assert.equal(probe.isAdmin, undefined, 'Object.prototype polluted');
    }), { numRuns: SHAPE_RUNS * 5, seed: SEED, reporter: shapeReporter('parseFromWebview / parseToWebview') });
  });

  it('reports are bounded, and their locations are ones the host can reveal (what the fuzzer found)', () => {
    const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
    const finding = { kind: 'data-race', message: 'm', objects: many(500, String), processes: ['p', 3], locations: [{ file: 'a.ts', line: 0 }, { file: '', line: 2 }, { file: 'b.ts', line: -1 }, { file: 'c.ts', line: 4.5 }] };
    const parsed = parseReport({ findings: many(50_000, () => finding), locks: many(50_000, (i) => ({ name: `L${i}` })) })!;
    assert.equal(parsed.findings.length, REPORT_LIMITS.findings);
    assert.equal(parsed.locks!.length, REPORT_LIMITS.stats);
    assert.equal(parsed.findings[0].objects.length, REPORT_LIMITS.perFinding);
    assert.deepEqual(parsed.findings[0].processes, ['p']);
    assert.deepEqual(parsed.findings[0].locations, [{ file: 'c.ts', line: 4 }]);
  });

  it('the webview ignores them or draws what is valid: nothing thrown, nothing run, still answering', async () => {
    const started = performance.now();
    let index = 0;
    try {
      await fc.assert(fc.asyncProperty(fc.array(anyMessage, { minLength: 1, maxLength: 4 }), interactionsArb, async (ms, interactions) => {
        const sendable = ms.map(transportable).filter((m): m is { value: unknown; json: boolean } => m !== null);
        const found: string[] = [];
        // JSON messages one by one (JSON.parse'd in the page), the others together.
        for (const m of sendable.filter((x) => x.json)) found.push(...await runOneShape([m.value], null, true));
        const plain = sendable.filter((x) => !x.json).map((x) => x.value);
        if (plain.length > 0) found.push(...await runOneShape(plain, interactions, false));
        if (found.length > 0) throw new Error(found.join('\n'));
      }), { numRuns: SHAPE_RUNS, seed: SEED, reporter: shapeReporter('the webview') });
    } catch (error) {
      report('fuzz-shape-failure', error);
    }

    async function runOneShape(messages: unknown[], interactions: Parameters<typeof runInPage>[3], asJson: boolean): Promise<string[]> {
      fp.outside.length = 0;
      try {
        const result = await runInPage(fp, index++, messages, interactions, { asJson });
        const anyValid = messages.some((m) => { const p = parseToWebview(m); return p !== null && p.type !== 'report'; });
        return problems(result, [...fp.outside], anyValid);
      } catch (error) {
        await fp.page.close().catch(() => undefined);
        fp = await openFuzzPage(session);
        return [String(error instanceof Error ? error.message : error)];
      }
    }
    console.log(`      ${index} deliveries in ${((performance.now() - started) / 1000).toFixed(1)} s, ${fp.ignored.count} malformed messages ignored`);
  });

  it('huge arrays: refused or drawn in bounded time, and the page answers after each', async () => {
    // Built from the same source in Node (for the validator) and in the page (passing arrays of
    // millions of values through the test driver would cost more than the test).
    const prelude = `const many = (n, f) => Array.from({ length: n }, (_, i) => f(i));
      const finding = (i) => ({ kind: 'data-race', message: '<img src=x onerror=window.__pwned=' + i + '>', objects: ['v'], processes: ['p'], locations: [{ file: 'a.ts', line: 1 + (i % 50) }] });`;
    const cases: [string, string][] = [
      ['a batch of 1,600,000 numbers with one string at the end', `({ type: 'batch', strings: [], events: [...many(1599999, (i) => i % 97), 'x'] })`],
      ['a batch of 100,000 records as a plain array', `({ type: 'batch', strings: [[1, '<script>window.__pwned=1</script>']], events: many(800000, (i) => (i % 8 === 0 ? i / 8000 : i % 8 === 1 ? 80 : i % 8 === 4 ? 1 : i % 8 === 2 ? i % 5 : -1)) })`],
      ['200,000 string pairs', `({ type: 'batch', strings: many(200000, (i) => [i, '"><svg onload=window.__pwned=' + i + '>']), events: new Float64Array(0) })`],
      ['a report with 100,000 findings', `({ type: 'report', report: { findings: many(100000, finding) } })`],
      ['a report with 1,000,000 race references', `({ type: 'report', report: { findings: [finding(0)], races: many(1000000, (i) => ({ finding: 0, first: { record: i }, second: { record: i + 1 } })) } })`],
      ['a report with 100,000 locks and queues', `({ type: 'report', report: { findings: [], locks: many(100000, (i) => ({ name: 'L' + i + '<b>', acquisitions: i })), queues: many(100000, (i) => ({ name: 'Q' + i, puts: 1, gets: 1 })) } })`],
      ['a finding with 100,000 locations', `({ type: 'report', report: { findings: [{ ...finding(0), locations: many(100000, (i) => ({ file: 'javascript:window.__pwned=' + i, line: i + 1 })) }] } })`],
      ['a load of 4,000,000 bytes as a plain array', `({ type: 'load', trace: many(4000000, (i) => i % 256), title: 'junk' })`],
      ['a footer with 100,000 processes', `({ type: 'finished', footer: { result: 'error', processes: many(100000, (i) => ({ id: i, name: '<img src=x onerror=window.__pwned=' + i + '>', exitCode: 1, error: 'e' })) }, exitStatus: 1 })`],
    ];
    const times: string[] = [];
    for (const [name, source] of cases) {
      const message = new Function(`${prelude}\nreturn ${source};`)() as unknown;
      await fp.page.evaluate(`window.__fuzzHuge = (() => { ${prelude}\nreturn ${source}; })(); 0`);
      const started = performance.now();
      const parsed = (() => { const t = performance.now(); const p = parseToWebview(message); return { p, ms: performance.now() - t }; })();
      const found = await (async () => {
        fp.outside.length = 0;
        try {
          const result = await runInPage(fp, -1, ['__fuzzHuge'], null, { timeoutMs: 30_000 });
          return problems(result, [...fp.outside], parsed.p !== null && parsed.p.type !== 'report');
        } catch (error) {
          await fp.page.close().catch(() => undefined);
          fp = await openFuzzPage(session);
          return [String(error)];
        }
      })();
      const ms = performance.now() - started;
      times.push(`${name}: ${parsed.p === null ? 'refused' : 'accepted'}, validator ${parsed.ms.toFixed(0)} ms, page ${ms.toFixed(0)} ms`);
      assert.deepEqual(found, [], name);
      assert.ok(ms < 20_000, `${name}: ${ms.toFixed(0)} ms`);
      // Still answering: a small valid trace loads after it.
      const probe = await runInPage(fp, -2, [{ type: 'load', trace: raceTrace().bytes(), title: 'race' }], null);
      assert.match(probe.status, /events · 3 workers/, `after ${name}`);
    }
    console.log(times.map((t) => `      ${t}`).join('\n'));
  });

  it('a hostile saved state (getState after a reload) is normalised, never trusted', async () => {
    const states = fc.sample(fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.record({ version: fc.constantFrom(1, 2, '1'), view: fc.oneof(fc.constant(null), fc.record({ t0: fc.double(), t1: fc.double() }), strange), follow: strange, search: fc.oneof(payloadText, strange), hiddenLanes: fc.oneof(fc.array(payloadText, { maxLength: 3 }), strange), hiddenCategories: fc.oneof(fc.array(payloadText, { maxLength: 3 }), strange) }),
    ), { numRuns: 12, seed: SEED });
    const reportValue = fc.sample(reportArb, { numRuns: 1, seed: 7 })[0];
    for (const state of states) {
      let json: string | undefined;
      try { json = JSON.stringify(state, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)); } catch { continue; }
      await fp.page.close();
      fp = await openFuzzPage(session, json === undefined ? null : JSON.parse(json));
      const result = await runInPage(fp, -3, [{ type: 'load', trace: raceTrace().bytes(), title: 'race' }, { type: 'report', report: reportValue }], null);
      assert.deepEqual(problems(result, [...fp.outside], true), [], json);
    }
  });
});
