/**
 * Hostile input: a trace cut short at every offset class — inside the magic, inside a chunk's
 * 8-byte header, inside the header's JSON, at and around every chunk boundary, inside strings,
 * inside event records (mid-record and at record edges), inside the footer, and at a stride
 * through the rest. Before the header chunk is whole, it is a clear TraceFormatError; from then
 * on it loads (truncated unless cut exactly between chunks), with every whole chunk's events, and
 * analyses. Through the CLI, `report` says the same.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { analyzeTrace } from '../../../src/analysis';
import { ChunkType, TRACE_MAGIC, TraceFormatError, parseTrace } from '../../../src/shared/trace-file';
import { RECORD_BYTES as BYTES_PER_RECORD, RECORD_SLOTS } from '../../../src/shared/events';
import { runCli } from '../run-fixture';
import { newTracePath } from '../faults/fault-harness';
import { chunksOf, realTrace, type ChunkSpan } from './trace-samples';


function cutOffsets(bytes: Uint8Array, chunks: ChunkSpan[]): number[] {
  const cuts = new Set<number>();
  const add = (n: number): void => { if (n >= 0 && n <= bytes.byteLength) cuts.add(n); };
  for (let i = 0; i <= TRACE_MAGIC.byteLength + 8; i++) add(i); // the magic and the first chunk header
  const header = chunks[0]!;
  for (let i = header.payload; i <= header.end; i++) add(i); // every byte of the header's JSON
  for (const c of chunks) {
    for (let d = -9; d <= 9; d++) add(c.start + d); // around every boundary and chunk header
    if (c.type === ChunkType.EVENTS) {
      for (let r = 0; r < 3; r++) for (const d of [-1, 0, 1, 7, 8, 31]) add(c.payload + r * BYTES_PER_RECORD + d); // record edges, mid-record
    }
    if (c.type === ChunkType.STRINGS) add(Math.floor((c.payload + c.end) / 2));
  }
  const footer = chunks[chunks.length - 1]!;
  for (let i = footer.start; i <= footer.end; i++) add(i); // every byte of the footer
  for (let i = 0; i < bytes.byteLength; i += 211) add(i); // a stride through the rest
  return [...cuts].sort((a, b) => a - b);
}

describe('hostile input: a trace truncated at every offset class', function () {
  this.timeout(60_000);
  let bytes: Uint8Array;
  let chunks: ChunkSpan[];
  before(async () => {
    bytes = await realTrace();
    chunks = chunksOf(bytes);
  });

  it('the sample has every chunk type, several event chunks and a footer', () => {
    const types = chunks.map((c) => c.type);
    assert.equal(types[0], ChunkType.HEADER);
    assert.equal(types[types.length - 1], ChunkType.FOOTER);
    assert.ok(types.filter((t) => t === ChunkType.EVENTS).length >= 3, types.join(','));
    assert.ok(types.includes(ChunkType.STRINGS));
  });

  it('before the header is whole: a TraceFormatError saying the file is short or ends in its header', () => {
    const headerEnd = chunks[0]!.dataEnd;
    for (const cut of cutOffsets(bytes, chunks).filter((c) => c < headerEnd)) {
      assert.throws(() => parseTrace(bytes.subarray(0, cut)), (e: unknown) => {
        assert.ok(e instanceof TraceFormatError, `cut ${cut}: ${String(e)}`);
        assert.match(e.message, cut < 8 ? /^not an Interleave trace: the file is too short$/ : /^not a readable trace: the file ends (before|inside) its header$/);
        return true;
      }, `cut at ${cut}`);
    }
  });

  it('from the header on: loads with every whole chunk, truncated unless cut between chunks, and analyses', () => {
    const headerEnd = chunks[0]!.dataEnd;
    const footer = chunks[chunks.length - 1]!;
    let checked = 0;
    for (const cut of cutOffsets(bytes, chunks).filter((c) => c >= headerEnd)) {
      const trace = parseTrace(bytes.subarray(0, cut));
      // A chunk counts once its payload is whole (its padding may be cut).
      const whole = (c: ChunkSpan): boolean => c.dataEnd <= cut;
      const wholeSlots = chunks.filter((c) => c.type === ChunkType.EVENTS && whole(c)).reduce((n, c) => n + (c.dataEnd - c.payload), 0) / 8;
      assert.equal(trace.events.length, wholeSlots, `cut at ${cut}`);
      assert.equal(trace.footer !== null, whole(footer), `cut at ${cut}`);
      // Truncated: the cut fell inside a chunk's header or payload.
      const inside = chunks.some((c) => cut > c.start && cut < c.dataEnd);
      assert.equal(trace.truncated, inside, `cut at ${cut}`);
      const report = analyzeTrace(trace);
      assert.equal(report.events, trace.events.length / RECORD_SLOTS);
      checked++;
    }
    assert.ok(checked > 200, `only ${checked} cuts checked`);
  });

  it('`interleave report` on a trace cut in its events: exit 0, a report of what is there', () => {
    const events = chunks.filter((c) => c.type === ChunkType.EVENTS && c.dataEnd - c.payload >= 3 * 64);
    const target = events[1]!;
    const cut = target.payload + 64 + 20; // inside the second record of a later events chunk
    const path = newTracePath('cut');
    writeFileSync(path, bytes.subarray(0, cut));
    const out = runCli(['report', path, '--json']);
    assert.equal(out.status, 0, out.stderr);
    const report = JSON.parse(out.stdout) as { events: number; truncated: boolean; result: string };
    assert.equal(report.truncated, true);
    const before = chunks.filter((c) => c.type === ChunkType.EVENTS && c.dataEnd <= cut).reduce((n, c) => n + (c.dataEnd - c.payload) / 64, 0);
    assert.equal(report.events, before);
  });

  it('`interleave report` on a trace cut inside its header: exit 1 and one clear line', () => {
    const path = newTracePath('cut-header');
    writeFileSync(path, bytes.subarray(0, chunks[0]!.payload + 5));
    const out = runCli(['report', path]);
    assert.equal(out.status, 1);
    assert.equal(out.stdout, '');
    assert.equal(out.stderr, 'interleave: not a readable trace: the file ends inside its header\n');
  });
});
