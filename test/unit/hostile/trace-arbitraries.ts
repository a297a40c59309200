/**
 * fast-check generators of hostile trace files, for the loader fuzzer: "valid-ish" traces (the
 * right chunk framing around headers, footers, strings and event records whose fields are drawn
 * from the schema's own vocabulary but in any order and combination) and mutations of them
 * (bytes flipped, cut, spliced, chunk types and lengths rewritten).
 */
import fc from 'fast-check';
import { BlockReason, EventKind, ObjectKind, RECORD_SLOTS, SCHEMA_VERSION } from '../../../src/shared/events';
import { ChunkType, TRACE_MAGIC, encodeChunk, encodeEventsChunk, encodeJsonChunk } from '../../../src/shared/trace-file';

const KINDS = Object.values(EventKind) as number[];
const OBJECT_KINDS = Object.values(ObjectKind) as number[];
const REASONS = Object.values(BlockReason) as number[];

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.byteLength; }
  return out;
}

/** A number a field may hold: mostly small ids and counts, sometimes anything a float64 can be. */
const field = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -2, max: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...KINDS, ...OBJECT_KINDS, ...REASONS) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_VALUE, -1e308, 5e-324) },
);

const time = fc.oneof(
  { weight: 10, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) },
  { weight: 1, arbitrary: field },
);

/** A small id: a pid, an object, a string, an index, a sequence number. */
const small = fc.integer({ min: -1, max: 6 });

/**
 * One record within the loader's bounds (a kind from the schema, small ids), so that the analysis
 * behind the loader is what gets exercised; the mutations below put anything anywhere.
 */
const arg = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 2, arbitrary: small }, { weight: 1, arbitrary: field });
const record = fc.tuple(time, fc.constantFrom(...KINDS), small, small, arg, arg, arg, small);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(null, 0, -1, 1.5, '', 'x', true, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** The default strings: mostly short random text, a few payloads. */
export const defaultText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('<script>alert(1)</script>', '"]}\u2028\u0000', 'x.ts:3:5', 'MainProcess', '__proto__', 'constructor'),
);

type Mutation = (bytes: Uint8Array) => Uint8Array;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // random bytes over a stretch
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, junk]): Mutation => (b) => {
    const out = b.slice();
    const from = at % Math.max(1, out.length);
    out.set(junk.subarray(0, Math.max(0, out.length - from)), from);
    return out;
  }),
  // one float64 slot (8-aligned) set to a hostile number
  fc.tuple(fc.nat(), field).map(([at, value]): Mutation => (b) => {
    const out = b.slice();
    const offset = Math.floor((at % Math.max(1, out.length)) / 8) * 8;
    if (offset + 8 <= out.length) new DataView(out.buffer, out.byteOffset).setFloat64(offset, value, true);
    return out;
  }),
  // one bit flipped
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([at, bit]): Mutation => (b) => {
    const out = b.slice();
    if (out.length > 0) out[at % out.length]! ^= 1 << bit;
    return out;
  }),
  // cut short
  fc.nat().map((at): Mutation => (b) => b.subarray(0, at % (b.length + 1))),
  // a u32 (chunk type or length) rewritten, at an 8-aligned offset
  fc.tuple(fc.nat(), fc.constantFrom(0, 4), fc.constantFrom(0, 1, 2, 3, 4, 5, 7, 8, 63, 64, 65, 0x7fffffff, 0xffffffff)).map(([at, half, value]): Mutation => (b) => {
    const out = b.slice();
    const offset = (Math.floor((at % Math.max(1, out.length)) / 8) * 8) + half;
    if (offset + 4 <= out.length) new DataView(out.buffer, out.byteOffset).setUint32(offset, value, true);
    return out;
  }),
  // a stretch repeated or removed
  fc.tuple(fc.nat(), fc.nat(64), fc.boolean()).map(([at, len, repeat]): Mutation => (b) => {
    const from = at % (b.length + 1);
    const to = Math.min(b.length, from + len);
    return repeat ? concat([b.subarray(0, to), b.subarray(from, to), b.subarray(to)]) : concat([b.subarray(0, from), b.subarray(to)]);
  }),
  // a raw chunk of any type and content appended or inserted
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 }), fc.uint8Array({ maxLength: 80 })).map(([at, type, payload]): Mutation => (b) => {
    const c = encodeChunk(type as ChunkType, payload);
    const offset = Math.min(b.length, TRACE_MAGIC.length + Math.floor((at % Math.max(1, b.length)) / 8) * 8);
    return concat([b.subarray(0, offset), c, b.subarray(offset)]);
  }),
);

/**
 * The generators, for strings drawn from `text` (the webview fuzzer passes markup and script
 * payloads; the loader fuzzer uses defaultText).
 */
export function traceArbitraries(text: fc.Arbitrary<string> = defaultText) {
  /** A header object: usually right, sometimes with fields missing or of the wrong type. */
  const header = fc.record({
    schema: fc.oneof({ weight: 60, arbitrary: fc.constant(SCHEMA_VERSION) }, { weight: 1, arbitrary: anyJson }),
    script: fc.oneof({ weight: 40, arbitrary: text }, { weight: 1, arbitrary: anyJson }),
    epochWallMs: fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 0, max: 2e12 }) }, { weight: 1, arbitrary: anyJson }),
    cpuCount: fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 0, max: 64 }) }, { weight: 1, arbitrary: anyJson }),
    platform: fc.oneof({ weight: 40, arbitrary: fc.constant('linux') }, { weight: 1, arbitrary: anyJson }),
    coresKnown: fc.oneof({ weight: 40, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyJson }),
    locations: fc.oneof({ weight: 40, arbitrary: fc.constantFrom('all', 'sampled', 'off') }, { weight: 1, arbitrary: anyJson }),
  }, { requiredKeys: ['schema'] });

  const processSummary = fc.record({
    // (each field right far more often than not: a footer has 4 of them per process)
    id: fc.oneof({ weight: 200, arbitrary: fc.integer({ min: -1, max: 4 }) }, { weight: 1, arbitrary: anyJson }),
    name: fc.oneof({ weight: 40, arbitrary: text }, { weight: 1, arbitrary: anyJson }),
    exitCode: fc.oneof({ weight: 40, arbitrary: fc.constantFrom(0, 1, -15, null) }, { weight: 1, arbitrary: anyJson }),
    error: fc.oneof({ weight: 40, arbitrary: fc.option(text) }, { weight: 1, arbitrary: anyJson }),
  });

  const footer = fc.record({
    result: fc.oneof({ weight: 40, arbitrary: fc.constantFrom('ok', 'error', 'timeout', 'deadlock') }, { weight: 1, arbitrary: anyJson }),
    message: fc.oneof({ weight: 40, arbitrary: fc.option(text) }, { weight: 1, arbitrary: anyJson }),
    processes: fc.oneof({ weight: 40, arbitrary: fc.array(processSummary, { maxLength: 4 }) }, { weight: 1, arbitrary: anyJson }),
    dropped: fc.oneof({ weight: 40, arbitrary: fc.nat(100) }, { weight: 1, arbitrary: anyJson }),
    deadlock: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.record({ edges: fc.array(fc.record({ waiter: small, object: small, holder: small }), { maxLength: 3 }) }) },
      { weight: 1, arbitrary: anyJson },
    ),
    durationMs: fc.oneof({ weight: 40, arbitrary: fc.double({ min: 0, max: 2000, noNaN: true }) }, { weight: 1, arbitrary: anyJson }),
  });

  const strings = fc.oneof(
    { weight: 40, arbitrary: fc.array(fc.tuple(fc.integer({ min: -3, max: 8 }), text), { maxLength: 8 }) },
    { weight: 1, arbitrary: anyJson },
  );

  type Chunk = Uint8Array;
  const chunk: fc.Arbitrary<Chunk> = fc.oneof(
    { weight: 2, arbitrary: strings.map((s) => encodeJsonChunk(ChunkType.STRINGS, s)) },
    {
      weight: 6,
      arbitrary: fc.array(record, { minLength: 1, maxLength: 40 }).map((records) => {
        const events = new Float64Array(records.length * RECORD_SLOTS);
        records.forEach((r, i) => events.set(r, i * RECORD_SLOTS));
        return encodeEventsChunk(events);
      }),
    },
  );

  /** A trace with the right framing: magic, a header, chunks, maybe a footer. */
  const validishTrace: fc.Arbitrary<Uint8Array> = fc
    .tuple(header, fc.array(chunk, { maxLength: 8 }), fc.option(footer))
    .map(([h, chunks, f]) => concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, h), ...chunks, ...(f ? [encodeJsonChunk(ChunkType.FOOTER, f)] : [])]));

  /** A valid-ish trace, then one to three mutations. */
  const mutatedTrace: fc.Arbitrary<Uint8Array> = fc
    .tuple(validishTrace, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([bytes, mutations]) => mutations.reduce((b, m) => m(b), bytes));

  /** Half valid-ish, half mutated, some plain random bytes. */
  const hostileTrace: fc.Arbitrary<Uint8Array> = fc.oneof(
    { weight: 5, arbitrary: validishTrace },
    { weight: 5, arbitrary: mutatedTrace },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((junk) => concat([TRACE_MAGIC, junk])) },
  );

  /** The pieces, for messages built without the file framing (a live run's start/batch/finished). */
  const events = fc.array(record, { minLength: 1, maxLength: 40 }).map((records) => {
    const out = new Float64Array(records.length * RECORD_SLOTS);
    records.forEach((r, i) => out.set(r, i * RECORD_SLOTS));
    return out;
  });
  return { header, footer, strings, events, validishTrace, mutatedTrace, hostileTrace };
}

export const { validishTrace, mutatedTrace, hostileTrace } = traceArbitraries();
