import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeHugeTrace } from '../../test/unit/hostile/huge-trace-file';
import { SCHEMA_VERSION } from '../shared/events';
import { ChunkType, TRACE_MAGIC, encodeChunkHeader, encodeEventsChunk, encodeJsonChunk, parseTrace, TraceFormatError } from '../shared/trace-file';
import type { ToWebview } from './panel-messages';
import { TIMELINE_MAX_EVENT_BYTES, readTraceForView } from './trace-loader';

const header = { schema: SCHEMA_VERSION, script: 's.ts', epochWallMs: 0, cpuCount: 2, platform: 'linux', coresKnown: false, locations: 'off' };
const footer = { result: 'ok', message: null, processes: [{ id: 0, name: 'MainProcess', exitCode: 0, error: null }], dropped: 0, deadlock: null, durationMs: 5 };

function smallTrace(events: number, withFooter = true): Uint8Array {
  const ev = new Float64Array(events * 8);
  for (let i = 0; i < events; i++) ev.set([i, 1 /* PROC_BEGIN */, 0, 0, -1, 0, 0, -1], i * 8);
  const parts = [TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeJsonChunk(ChunkType.STRINGS, [[1, 'x']]), encodeEventsChunk(ev)];
  if (withFooter) parts.push(encodeJsonChunk(ChunkType.FOOTER, footer));
  return Buffer.concat(parts);
}

const bytesOf = (m: ToWebview): Uint8Array => {
  assert.equal(m.type, 'load');
  return (m as Extract<ToWebview, { type: 'load' }>).trace;
};

describe('readTraceForView(path, maxEventBytes)', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'interleave-trace-loader-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a trace within the budget on whole, byte for byte', () => {
    const p = path.join(dir, 'small.itrace');
    const bytes = smallTrace(10);
    writeFileSync(p, bytes);
    const r = readTraceForView(p);
    assert.equal(r.partial, null);
    assert.deepEqual(Buffer.from(bytesOf(r.message)), Buffer.from(bytes));
    assert.equal(bytesOf(r.message).buffer.byteLength, bytes.byteLength, 'no larger buffer behind it');
  });

  it('cuts a trace past the budget to a valid trace: header, strings, the first events, the footer', () => {
    const p = path.join(dir, 'over.itrace');
    writeFileSync(p, smallTrace(100));
    const r = readTraceForView(p, 10 * 64);
    const parsed = parseTrace(bytesOf(r.message));
    assert.equal(parsed.events.length / 8, 10);
    assert.equal(parsed.footer?.result, 'ok');
    assert.equal(parsed.strings.get(1), 'x');
    assert.match(r.partial ?? '', /loaded its first 10 of 100 events .*; the timeline shows that part only$/);
  });

  it('refuses what is not a trace with the loader\u2019s message, and keeps a cut-short trace', () => {
    const p = path.join(dir, 'text.itrace');
    writeFileSync(p, 'hello, not a trace');
    assert.throws(() => readTraceForView(p), (e: Error) => e instanceof TraceFormatError && /wrong magic bytes/.test(e.message));
    const cut = path.join(dir, 'cut.itrace');
    const whole = smallTrace(50, false);
    writeFileSync(cut, whole.subarray(0, whole.byteLength - 100));
    const r = readTraceForView(cut, 64 * 5);
    const parsed = parseTrace(bytesOf(r.message));
    assert.equal(parsed.footer, null);
    assert.equal(parsed.events.length / 8, 0, 'the events chunk is past the end: a truncated tail');
  });

  it('a file of 2 million empty chunks is walked in bounded time (one read per MiB, not per chunk)', function () {
    this.timeout(30_000);
    const p = path.join(dir, 'empty-chunks.itrace');
    const fd = openSync(p, 'w');
    writeSync(fd, TRACE_MAGIC);
    writeSync(fd, encodeJsonChunk(ChunkType.HEADER, header));
    const empty = Buffer.alloc(8 * 65_536);
    for (let i = 0; i < empty.byteLength; i += 8) empty.set(encodeChunkHeader(ChunkType.EVENTS, 0), i);
    for (let i = 0; i < 32; i++) writeSync(fd, empty);
    closeSync(fd);
    const t0 = performance.now();
    const r = readTraceForView(p, 64);
    const ms = performance.now() - t0;
    console.log(`      2,097,152 empty chunks walked in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 5_000);
    assert.equal(r.partial, null);
  });

  it('a 1 GiB trace: the first 64 MiB of events, the whole run\u2019s footer, in bounded time and memory', function () {
    if (process.env.INTERLEAVE_SKIP_HUGE) this.skip();
    this.timeout(120_000);
    const p = path.join(dir, 'huge.itrace');
    const written = writeHugeTrace(p, 1024 ** 3);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = readTraceForView(p);
    const ms = performance.now() - t0;
    const grewMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
    const bytes = bytesOf(r.message);
    console.log(`      1 GiB trace: ${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB posted, ${ms.toFixed(0)} ms, RSS +${grewMb.toFixed(0)} MiB`);
    assert.ok(bytes.byteLength <= TIMELINE_MAX_EVENT_BYTES + 1024 * 1024);
    assert.ok(grewMb < 400, `RSS grew ${grewMb} MiB`);
    const parsed = parseTrace(bytes);
    assert.equal(parsed.events.byteLength, TIMELINE_MAX_EVENT_BYTES);
    assert.equal(parsed.footer?.result, 'ok');
    assert.match(r.partial ?? '', new RegExp(`^the trace is too large to load whole \\(1023 MiB\\): loaded its first 1,048,576 of ${written.events.toLocaleString('en-US')} events \\(64 MiB\\); the timeline shows that part only$`));
    rmSync(p);
  });
});
