import assert from 'node:assert/strict';
import { EventKind, RECORD_SLOTS, SCHEMA_VERSION } from '../../../src/shared/events';
import {
  ChunkType, TRACE_MAGIC, TraceFormatError, encodeChunk, encodeChunkHeader, encodeEventsChunk, encodeJsonChunk, parseTrace,
  type TraceFooter, type TraceHeader,
} from '../../../src/shared/trace-file';

const header: TraceHeader = { schema: SCHEMA_VERSION, script: 'x.ts', epochWallMs: 0, cpuCount: 2, platform: 'linux', coresKnown: true, locations: 'sampled' };
const footer: TraceFooter = { result: 'ok', message: null, processes: [], dropped: 0, deadlock: null, durationMs: 1 };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.byteLength; }
  return out;
}

function events(n: number): Float64Array {
  const e = new Float64Array(n * RECORD_SLOTS);
  for (let i = 0; i < n; i++) { e[i * RECORD_SLOTS] = i; e[i * RECORD_SLOTS + 1] = EventKind.MARK; }
  return e;
}

describe('trace file', () => {
  const whole = concat([
    TRACE_MAGIC,
    encodeJsonChunk(ChunkType.HEADER, header),
    encodeJsonChunk(ChunkType.STRINGS, [[1, 'hello'], [2, '<script>alert(1)</script>']]),
    encodeEventsChunk(events(3)),
    encodeJsonChunk(ChunkType.FOOTER, footer),
  ]);

  it('round-trips header, strings, events and footer', () => {
    const t = parseTrace(whole);
    assert.deepEqual(t.header, header);
    assert.equal(t.strings.get(2), '<script>alert(1)</script>');
    assert.equal(t.events.length, 3 * RECORD_SLOTS);
    assert.deepEqual(t.footer, footer);
    assert.equal(t.truncated, false);
  });

  it('reads a file cut short at any byte up to its last whole chunk', () => {
    for (let cut = 200; cut < whole.byteLength; cut += 7) {
      const t = parseTrace(whole.subarray(0, cut));
      assert.equal(t.truncated, true, `cut at ${cut}`);
      assert.equal(t.footer, null);
    }
  });

  it('reads a chunk written as header then payload like one written whole', () => {
    const e = events(2);
    const split = concat([encodeChunkHeader(ChunkType.EVENTS, e.byteLength), new Uint8Array(e.buffer)]);
    assert.deepEqual(split, encodeChunk(ChunkType.EVENTS, new Uint8Array(e.buffer)));
  });

  it('carries the shared heap\'s limit (header) and peak size (footer), and refuses them malformed', () => {
    const trace = (h: object, f: object): Uint8Array =>
      concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, h), encodeEventsChunk(events(1)), encodeJsonChunk(ChunkType.FOOTER, f)]);
    const parsed = parseTrace(trace({ ...header, sharedHeapMb: 24 }, { ...footer, sharedHeapBytes: 12_582_912 }));
    assert.equal(parsed.header.sharedHeapMb, 24);
    assert.equal(parsed.footer?.sharedHeapBytes, 12_582_912);
    assert.throws(() => parseTrace(trace({ ...header, sharedHeapMb: 'lots' }, footer)), /sharedHeapMb/);
    assert.throws(() => parseTrace(trace(header, { ...footer, sharedHeapBytes: -1 })), /sharedHeapBytes/);
  });

  it('refuses a file that is not a trace, with a plain message', () => {
    assert.throws(() => parseTrace(new TextEncoder().encode('{"json": true} and more bytes')), TraceFormatError);
  });

  it('refuses another major version by name', () => {
    const other = whole.slice();
    other[6] = SCHEMA_VERSION + 1;
    assert.throws(() => parseTrace(other), /unsupported trace version/);
  });

  it('refuses an events chunk that is not whole records', () => {
    const bad = concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeChunk(ChunkType.EVENTS, new Uint8Array(24))]);
    assert.throws(() => parseTrace(bad), /whole records/);
  });
});
