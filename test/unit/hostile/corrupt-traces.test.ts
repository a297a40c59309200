/**
 * Hostile input: corrupt trace files and files of another version. Each is either loaded (a
 * corruption the format survives, such as a chunk length past the end: a truncated tail) or
 * refused with a TraceFormatError whose message says what is wrong; through the CLI, `report`
 * and `export` exit 1 with that one line on stderr and no stack trace. Never a crash or a hang.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { analyzeTrace } from '../../../src/analysis';
import { EventKind, SCHEMA_VERSION } from '../../../src/shared/events';
import { ChunkType, TRACE_MAGIC, TraceFormatError, encodeChunk, encodeEventsChunk, encodeJsonChunk, parseTrace } from '../../../src/shared/trace-file';
import { runCli } from '../run-fixture';
import { newTracePath } from '../faults/fault-harness';
import { concat } from './trace-arbitraries';
import { chunksOf, realTrace } from './trace-samples';

const header = { schema: SCHEMA_VERSION, script: 'x.ts', epochWallMs: 0, cpuCount: 2, platform: 'linux', coresKnown: true, locations: 'sampled' };
const footer = { result: 'ok', message: null, processes: [{ id: 0, name: 'MainProcess', exitCode: 0, error: null }], dropped: 0, deadlock: null, durationMs: 1 };
const mark = new Float64Array([0.5, EventKind.MARK, 0, -1, 1, 0, 0, -1]);
const raw = (type: number, text: string): Uint8Array => encodeChunk(type as ChunkType, new TextEncoder().encode(text));
const good = (...middle: Uint8Array[]): Uint8Array => concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), ...middle, encodeJsonChunk(ChunkType.FOOTER, footer)]);
function withVersion(bytes: Uint8Array, version: number): Uint8Array {
  const out = bytes.slice();
  out[6] = version;
  return out;
}
function eventsWith(slot: number, value: number, kind: number = EventKind.MARK): Uint8Array {
  const e = mark.slice();
  e[1] = kind;
  e[slot] = value;
  return encodeEventsChunk(e);
}

/** [what, bytes, the message expected (a TraceFormatError) or null when it loads] */
const CASES: [string, Uint8Array, RegExp | null][] = [
  ['an empty file', new Uint8Array(0), /^not an Interleave trace: the file is too short$/],
  ['a text file', new TextEncoder().encode('hello, this is not a trace at all\n'), /^not an Interleave trace: wrong magic bytes$/],
  ['a JSON file', new TextEncoder().encode('{"traceEvents":[]}'), /^not an Interleave trace: wrong magic bytes$/],
  ['format version 2 (magic byte)', withVersion(good(), 2), /^unsupported trace version 2 \(this Interleave reads version 1\)$/],
  ['format version 0', withVersion(good(), 0), /^unsupported trace version 0 \(this Interleave reads version 1\)$/],
  ['format version 255', withVersion(good(), 255), /^unsupported trace version 255/],
  ['header schema 2', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, { ...header, schema: 2 })]), /^unsupported trace schema 2 \(this Interleave reads schema 1\)$/],
  ['header without a schema', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, { script: 'x' })]), /^corrupt trace: the header names no schema version$/],
  ['header that is bad JSON', concat([TRACE_MAGIC, raw(ChunkType.HEADER, '{"schema":1,')]), /^corrupt trace: the header chunk is not valid JSON$/],
  ['header that is a number', concat([TRACE_MAGIC, raw(ChunkType.HEADER, '42')]), /^corrupt trace: the header is not an object$/],
  ['header that is null', concat([TRACE_MAGIC, raw(ChunkType.HEADER, 'null')]), /^corrupt trace: the header is not an object$/],
  ['header script of the wrong type', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, { ...header, script: { evil: true } })]), /^corrupt trace: the header's script is not a string$/],
  ['strings before the header', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.STRINGS, []), encodeJsonChunk(ChunkType.HEADER, header)]), /^corrupt trace: the first chunk is of type 2, not the header$/],
  ['two headers', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeJsonChunk(ChunkType.HEADER, header)]), /^corrupt trace: a second header$/],
  ['a chunk after the footer', concat([good(), encodeEventsChunk(mark)]), /^corrupt trace: a chunk follows the footer$/],
  ['chunk type 0', good(raw(0, 'x')), /^corrupt trace: unknown chunk type 0$/],
  ['chunk type 999', good(raw(999, 'x')), /^corrupt trace: unknown chunk type 999$/],
  ['strings that are bad JSON', good(raw(ChunkType.STRINGS, '[[1,"a"],')), /^corrupt trace: the strings chunk is not valid JSON$/],
  ['strings that are an object', good(raw(ChunkType.STRINGS, '{"1":"a"}')), /^corrupt trace: a strings chunk is not a list$/],
  ['strings with junk pairs (skipped)', good(raw(ChunkType.STRINGS, '[[1,"a"],["x",2],null,[3],[4,"ok",5]]')), null],
  ['events of 7 bytes', good(encodeChunk(ChunkType.EVENTS, new Uint8Array(7))), /^corrupt trace: an events chunk is not whole records$/],
  ['events of 72 bytes', good(encodeChunk(ChunkType.EVENTS, new Uint8Array(72))), /^corrupt trace: an events chunk is not whole records$/],
  ['events of kind 0 (zeros)', good(encodeChunk(ChunkType.EVENTS, new Uint8Array(64))), /^corrupt trace: event 0 has an unknown event kind 0$/],
  ['an event time of NaN', good(eventsWith(0, NaN)), /^corrupt trace: event 0 has a time of NaN$/],
  ['an event time of Infinity', good(eventsWith(0, Infinity)), /^corrupt trace: event 0 has a time of Infinity$/],
  ['a thread of 2^40', good(eventsWith(2, 2 ** 40)), /^corrupt trace: event 0 has a thread of 1099511627776$/],
  ['a thread of 1.5', good(eventsWith(2, 1.5)), /^corrupt trace: event 0 has a thread of 1\.5$/],
  ['an object id of 10^9', good(eventsWith(3, 1e9)), /^corrupt trace: event 0 has an object of 1000000000$/],
  ['an element index of 2^40', good(eventsWith(4, 2 ** 40, EventKind.WRITE)), /^corrupt trace: event 0 has an element index of 1099511627776$/],
  // The cell walk of a shared-buffer access counted from 2^53, where cell + 1 === cell: a hang, not an error.
  ['a shared-buffer byte address of 2^53', good(eventsWith(4, 2 ** 53, EventKind.SHM_RANGE_READ)), /^corrupt trace: event 0 has a byte address of 9007199254740992$/],
  ['a shared-buffer range of 2^53 bytes', good(eventsWith(5, 2 ** 53, EventKind.SHM_RANGE_WRITE)), /^corrupt trace: event 0 has a byte length of 9007199254740992$/],
  ['an object size of 2^53', good(eventsWith(6, 2 ** 53, EventKind.OBJ_CREATE)), /^corrupt trace: event 0 has an object size of 9007199254740992$/],
  ['a process exit of pid 10^6', good(eventsWith(3, 1e6, EventKind.PROC_EXIT)), /^corrupt trace: event 0 has a process of 1000000$/],
  ['a NaN value written (a Value may hold NaN)', good(eventsWith(5, NaN, EventKind.WRITE)), null],
  ['a chunk length past the end after the footer (a truncated tail)', concat([good(), new Uint8Array([3, 0, 0, 0, 0xf8, 0xff, 0xff, 0xff])]), null],
  ['a chunk length of 4 GiB mid-file', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeEventsChunk(mark), new Uint8Array([3, 0, 0, 0, 0xf8, 0xff, 0xff, 0xff]), new Uint8Array(64)]), null],
  ['footer that is bad JSON', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), raw(ChunkType.FOOTER, '{"result":')]), /^corrupt trace: the footer chunk is not valid JSON$/],
  ['footer of another result', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeJsonChunk(ChunkType.FOOTER, { ...footer, result: 'pwned' })]), /^corrupt trace: the footer's result is not ok, error, timeout or deadlock$/],
  ['footer processes not a list', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeJsonChunk(ChunkType.FOOTER, { ...footer, processes: 'all' })]), /^corrupt trace: the footer's processes is not a list$/],
  ['footer process of the wrong shape', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeJsonChunk(ChunkType.FOOTER, { ...footer, processes: [{ id: 'x' }] })]), /^corrupt trace: the footer's process list is not a list of/],
  ['footer deadlock of the wrong shape', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeJsonChunk(ChunkType.FOOTER, { ...footer, deadlock: { edges: 5 } })]), /^corrupt trace: the footer's deadlock is not a cycle/],
  ['footer with __proto__ keys', concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), raw(ChunkType.FOOTER, JSON.stringify(footer).replace('{', '{"__proto__":{"polluted":1},'))]), null],
];

describe('hostile input: corrupt traces and traces of another version', () => {
  for (const [what, bytes, expected] of CASES) {
    it(`${what}: ${expected ? 'a clear TraceFormatError' : 'loads and analyses'}`, () => {
      if (expected === null) {
        const trace = parseTrace(bytes);
        analyzeTrace(trace);
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
        return;
      }
      assert.throws(() => analyzeTrace(parseTrace(bytes)), (e: unknown) => {
        assert.ok(e instanceof TraceFormatError, `${what}: ${String(e)}`);
        assert.match(e.message, expected);
        return true;
      });
    });
  }

  it('a real trace with random bytes written over each of its chunks: loads or a TraceFormatError, never anything else', async () => {
    const bytes = await realTrace();
    const chunks = chunksOf(bytes);
    let seed = 12345;
    const random = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    let loaded = 0;
    let refused = 0;
    for (const c of chunks) {
      for (let trial = 0; trial < 4; trial++) {
        const out = bytes.slice();
        const from = c.start + Math.floor(random() * (c.end - c.start));
        const length = 1 + Math.floor(random() * 24);
        for (let i = from; i < Math.min(c.end, from + length); i++) out[i] = Math.floor(random() * 256);
        try {
          analyzeTrace(parseTrace(out));
          loaded++;
        } catch (error) {
          assert.ok(error instanceof TraceFormatError, `chunk at ${c.start}: ${String(error)}`);
          refused++;
        }
      }
    }
    assert.ok(loaded + refused === chunks.length * 4 && refused > 0);
  });

  describe('through the CLI', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['version 2', withVersion(good(), 2), /^interleave: unsupported trace version 2 \(this Interleave reads version 1\)\n$/],
      ['a corrupt event', good(eventsWith(0, NaN)), /^interleave: corrupt trace: event 0 has a time of NaN\n$/],
      ['not a trace', new TextEncoder().encode('<html><script>alert(1)</script></html>'), /^interleave: not an Interleave trace: wrong magic bytes\n$/],
    ];
    for (const [what, bytes, message] of cases) {
      it(`${what}: report and export exit 1 with one line on stderr`, () => {
        const path = newTracePath('corrupt');
        writeFileSync(path, bytes);
        for (const args of [['report', path, '--json'], ['report', path], ['export', path, '--format', 'chrome', '-o', `${path}.json`]]) {
          const out = runCli(args);
          assert.equal(out.status, 1, `${args.join(' ')}: ${out.stderr}`);
          assert.match(out.stderr, message, args.join(' '));
          assert.equal(out.stdout, '');
        }
      });
    }
  });
});

