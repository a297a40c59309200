/** A real trace to cut and corrupt (from a fixture run through the CLI), and its chunk layout. */
import { readFileSync } from 'node:fs';
import { CHUNK_HEADER_BYTES, TRACE_MAGIC, paddedLength } from '../../../src/shared/trace-file';
import { runFixture } from '../run-fixture';

export interface ChunkSpan {
  type: number;
  /** Offset of the chunk's 8-byte header, of its payload, of the payload's end (before the
   * padding), and of the next chunk. */
  start: number;
  payload: number;
  dataEnd: number;
  end: number;
}

export function chunksOf(bytes: Uint8Array): ChunkSpan[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: ChunkSpan[] = [];
  for (let at = TRACE_MAGIC.byteLength; at + CHUNK_HEADER_BYTES <= bytes.byteLength;) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    const end = at + CHUNK_HEADER_BYTES + paddedLength(length);
    out.push({ type, start: at, payload: at + CHUNK_HEADER_BYTES, dataEnd: at + CHUNK_HEADER_BYTES + length, end });
    at = end;
  }
  return out;
}

let sample: Uint8Array | null = null;

/** The trace of a real run of the steady-work fixture (header, strings, events, footer). */
export async function realTrace(): Promise<Uint8Array> {
  if (!sample) {
    const run = await runFixture('steady-work', { timeoutMs: 30_000 });
    if (run.status !== 0) throw new Error(`the sample run failed: ${run.stderr}`);
    sample = new Uint8Array(readFileSync(run.tracePath));
  }
  return sample;
}
