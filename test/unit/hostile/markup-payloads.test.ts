/**
 * Hostile input: a trace whose every string — the script path, process and object names, source
 * locations, marker labels, error messages, the footer's message and process list — is a script,
 * markup or terminal-escape payload. `report --json` and the Chrome export keep each one as inert
 * data (the exact text, JSON-escaped, never markup); the human report and summary show control
 * characters as visible escapes; the HTML export (when the timeline bundle is built) embeds them
 * only as base64 and escaped JSON, so the page holds no markup but its own.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventKind, ObjectKind, SCHEMA_VERSION } from '../../../src/shared/events';
import { ChunkType, TRACE_MAGIC, encodeEventsChunk, encodeJsonChunk, type TraceFooter, type TraceHeader } from '../../../src/shared/trace-file';
import { ROOT, runCli, type ReportJson } from '../run-fixture';
import { newTracePath } from '../faults/fault-harness';
import { concat } from './trace-arbitraries';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  '</script><script>alert(3)</script>',
  'javascript:alert(4)',
  "{{constructor.constructor('alert(5)')()}}",
  '${process.exit(6)}',
  '<!--<svg onload=alert(7)>-->',
  '\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007',
  'line\u2028separator\u2029</style><style>*{display:none}</style>',
  '__proto__',
];

/** Each payload gets a string id; `p(i)` is the i-th payload (wrapping). */
const p = (i: number): string => PAYLOADS[i % PAYLOADS.length]!;

function hostileTrace(): Uint8Array {
  const header: TraceHeader = { schema: SCHEMA_VERSION, script: p(0), epochWallMs: 0, cpuCount: 2, platform: p(1), coresKnown: false, locations: p(2) };
  const strings: [number, string][] = PAYLOADS.map((text, i) => [i + 1, text]);
  strings.push([100, `${p(0)}:3:5`], [101, `${p(1)}:7:1`]);
  const R = (time: number, kind: number, thread: number, obj: number, a: number, b: number, c: number, loc: number): number[] => [time, kind, thread, obj, a, b, c, loc];
  const events = new Float64Array([
    ...R(0, EventKind.PROC_BEGIN, 0, 0, -1, 0, 0, -1),
    ...R(1, EventKind.OBJ_CREATE, 0, 0, ObjectKind.LOCK, 2, 0, 100),
    ...R(1, EventKind.OBJ_CREATE, 0, 1, ObjectKind.QUEUE, 3, 0, 101),
    ...R(1, EventKind.OBJ_CREATE, 0, 2, ObjectKind.VALUE, 4, 1, 100),
    ...R(2, EventKind.PROC_START, 0, 1, 5, 6, 0, 100),
    ...R(3, EventKind.PROC_BEGIN, 1, 1, 0, 0, 0, -1),
    ...R(4, EventKind.LOCK_REQUEST, 1, 0, 0, 0, 0, 100),
    ...R(4, EventKind.LOCK_ACQUIRED, 1, 0, 1, 0, 0, 100),
    ...R(5, EventKind.WRITE, 1, 2, 0, 1, 0, 101),
    ...R(5, EventKind.WRITE, 0, 2, 0, 2, 0, 100),
    ...R(6, EventKind.LOCK_RELEASED, 1, 0, 1, 0, 0, 100),
    ...R(6, EventKind.QUEUE_PUT, 1, 1, 1, 8, 0, 101),
    ...R(7, EventKind.QUEUE_GET, 0, 1, 1, 1, 0, 100),
    ...R(7, EventKind.MARK, 1, -1, 7, 0, 0, 101),
    ...R(8, EventKind.SPAN_BEGIN, 1, -1, 8, 0, 0, 101),
    ...R(9, EventKind.SPAN_END, 1, -1, 8, 0, 0, -1),
    ...R(9, EventKind.PROC_EXIT, 1, 1, 1, 9, 0, 101),
    ...R(10, EventKind.PROC_EXIT, 0, 0, 0, -1, 0, -1),
  ]);
  const footer: TraceFooter = {
    result: 'error', message: p(7), dropped: 0, deadlock: null, durationMs: 10,
    processes: [{ id: 0, name: p(3), exitCode: 0, error: null }, { id: 1, name: p(4), exitCode: 1, error: `Error: ${p(8)}\n    at ${p(0)}:3:5` }],
  };
  return concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeJsonChunk(ChunkType.STRINGS, strings), encodeEventsChunk(events), encodeJsonChunk(ChunkType.FOOTER, footer)]);
}

/** Every string value anywhere in a JSON value. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

describe('hostile input: script and markup payloads in every string of a trace', () => {
  const tracePath = newTracePath('payloads');
  before(() => writeFileSync(tracePath, hostileTrace()));

  it('report --json: one JSON object whose strings carry the payloads exactly, as data', () => {
    const out = runCli(['report', tracePath, '--json']);
    assert.equal(out.status, 0, out.stderr);
    const report = JSON.parse(out.stdout) as ReportJson;
    assert.deepEqual(report.processes.map((x) => x.name), [p(3), p(4)]);
    assert.ok(report.processes[1]!.error!.includes(p(8)));
    assert.deepEqual(report.locks.map((l) => l.name), [p(1)]);
    assert.deepEqual(report.queues.map((q) => q.name), [p(2)]);
    const all = stringsIn(report).join('\n');
    for (const payload of [p(1), p(2), p(3), p(4), p(8)]) assert.ok(all.includes(payload), `missing ${JSON.stringify(payload)}`);
    // JSON escapes what could break out of a string; nothing in stdout is a raw control character.
    assert.doesNotMatch(out.stdout, /[\u0000-\u0009\u000b-\u001f]/);
  });

  it('the human report shows control characters as escapes, never sends them to the terminal', () => {
    const out = runCli(['report', tracePath]);
    assert.equal(out.status, 0, out.stderr);
    assert.doesNotMatch(out.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    assert.match(out.stdout, /line\\u2028separator\\u2029/);
    assert.ok(out.stdout.includes(p(3)), 'the markup is shown as text');
  });

  it('export --format chrome: valid JSON, the payloads as plain names and args', () => {
    const out = `${tracePath}.chrome.json`;
    const res = runCli(['export', tracePath, '--format', 'chrome', '-o', out]);
    assert.equal(res.status, 0, res.stderr);
    const chrome = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: { name: string; ph: string; args?: { name?: string } }[] };
    const names = chrome.traceEvents.filter((e) => e.ph === 'M').map((e) => e.args?.name);
    assert.ok(names.includes(`interleave: ${p(0)}`), JSON.stringify(names));
    assert.ok(chrome.traceEvents.some((e) => e.ph === 'i' && e.name === p(6)), 'the mark label');
    assert.ok(chrome.traceEvents.some((e) => e.name === `hold ${p(1)}`), 'the lock name');
  });

  it('export --format html: the payloads reach the page only as base64 and escaped JSON', function () {
    if (!existsSync(join(ROOT, 'media/webview.js'))) this.skip();
    const out = `${tracePath}.html`;
    const res = runCli(['export', tracePath, '--format', 'html', '-o', out]);
    assert.equal(res.status, 0, res.stderr);
    const html = readFileSync(out, 'utf8');
    for (const raw of ['<script>alert', '<img src=x', '<svg onload', '</style><style>', '<!--<svg']) {
      assert.ok(!html.includes(raw), `the page contains ${raw}`);
    }
    // The title is the script's last path segment ("script>" here), HTML-escaped.
    assert.match(html, /<title>script&gt; — Interleave<\/title>/);
  });
});
