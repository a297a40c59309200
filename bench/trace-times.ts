/**
 * Prints the run-clock times the drain figure needs from a trace: the first MARK event (where
 * bench/scripts/drain.ts starts its producers) and the footer's durationMs, stamped by the
 * supervisor after its last drain, once every event is in the trace. Reads the chunks directly
 * (a drain trace holds millions of events; only MARK records are looked at).
 *
 * Usage: node out/bench/trace-times.js TRACE  →  {"first_mark_ms": ..., "duration_ms": ...}
 */
import { readFileSync } from 'node:fs';
import { EventKind, RECORD_SLOTS } from '../src/shared/events';
import { CHUNK_HEADER_BYTES, ChunkType, TRACE_MAGIC, checkMagic, paddedLength } from '../src/shared/trace-file';

const bytes = readFileSync(process.argv[2]!);
checkMagic(bytes);
const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
let firstMark = Infinity;
let duration: number | null = null;
for (let at = TRACE_MAGIC.byteLength; at + CHUNK_HEADER_BYTES <= bytes.byteLength; ) {
  const type = view.getUint32(at, true);
  const length = view.getUint32(at + 4, true);
  const start = at + CHUNK_HEADER_BYTES;
  if (type === ChunkType.EVENTS) {
    for (let r = start; r + RECORD_SLOTS * 8 <= start + length; r += RECORD_SLOTS * 8) {
      if (view.getFloat64(r + 8, true) === EventKind.MARK) firstMark = Math.min(firstMark, view.getFloat64(r, true));
    }
  } else if (type === ChunkType.FOOTER) {
    duration = (JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + length))) as { durationMs: number }).durationMs;
  }
  at = start + paddedLength(length);
}
if (!Number.isFinite(firstMark) || duration === null) throw new Error('the trace has no MARK event or no footer');
process.stdout.write(`${JSON.stringify({ first_mark_ms: firstMark, duration_ms: duration })}\n`);
