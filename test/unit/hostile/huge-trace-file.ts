/**
 * Writes a huge but valid trace file, streaming (one reused 1 MiB chunk, never the whole file in
 * memory): a header, the names, then event chunks of two workers taking a lock and updating a
 * shared Value under it, and a footer. Used to check that loading a 1 GiB trace is bounded.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { EventKind, ObjectKind, RECORD_SLOTS, SCHEMA_VERSION } from '../../../src/shared/events';
import { ChunkType, TRACE_MAGIC, encodeChunkHeader, encodeEventsChunk, encodeJsonChunk, type TraceFooter, type TraceHeader } from '../../../src/shared/trace-file';

const CHUNK_RECORDS = 16_384; // 1 MiB of records

export interface HugeTrace {
  bytes: number;
  events: number;
}

export function writeHugeTrace(path: string, targetBytes: number): HugeTrace {
  const fd = openSync(path, 'w');
  let bytes = 0;
  const put = (b: Uint8Array): void => {
    let done = 0;
    while (done < b.byteLength) done += writeSync(fd, b, done, b.byteLength - done);
    bytes += b.byteLength;
  };
  try {
    const header: TraceHeader = { schema: SCHEMA_VERSION, script: 'huge.ts', epochWallMs: 0, cpuCount: 2, platform: 'linux', coresKnown: false, locations: 'off' };
    put(TRACE_MAGIC);
    put(encodeJsonChunk(ChunkType.HEADER, header));
    put(encodeJsonChunk(ChunkType.STRINGS, [[1, 'worker-1'], [2, 'worker-2'], [3, 'counter'], [4, 'counter-lock']]));
    const setup = new Float64Array([
      0, EventKind.PROC_BEGIN, 0, 0, -1, 0, 0, -1,
      0, EventKind.OBJ_CREATE, 0, 0, ObjectKind.VALUE, 3, 1, -1,
      0, EventKind.OBJ_CREATE, 0, 1, ObjectKind.LOCK, 4, 0, -1,
      0, EventKind.PROC_START, 0, 1, 1, -1, 0, -1,
      0, EventKind.PROC_START, 0, 2, 2, -1, 0, -1,
      0, EventKind.PROC_BEGIN, 1, 1, 0, 0, 0, -1,
      0, EventKind.PROC_BEGIN, 2, 2, 0, 0, 0, -1,
    ]);
    put(encodeEventsChunk(setup));
    const chunk = new Float64Array(CHUNK_RECORDS * RECORD_SLOTS);
    const chunkHeader = encodeChunkHeader(ChunkType.EVENTS, chunk.byteLength);
    let events = setup.length / RECORD_SLOTS;
    let time = 0;
    let version = 0;
    let acquisitions = 0;
    const footerBytes = 1024;
    // Each round: a worker acquires the lock, reads and writes the counter, releases. Five records.
    while (bytes + chunk.byteLength + 8 + footerBytes <= targetBytes) {
      let at = 0;
      while (at + 5 * RECORD_SLOTS <= chunk.length) {
        const pid = (acquisitions % 2) + 1;
        acquisitions++;
        const rows = [
          [EventKind.LOCK_REQUEST, pid, 1, 0, 0, 0],
          [EventKind.LOCK_ACQUIRED, pid, 1, acquisitions, 0, 0],
          [EventKind.READ, pid, 0, 0, version, version],
          [EventKind.WRITE, pid, 0, 0, version + 1, version],
          [EventKind.LOCK_RELEASED, pid, 1, acquisitions, 0, 0],
        ];
        version++;
        for (const [kind, thread, obj, a, b, c] of rows) {
          chunk[at] = (time += 0.001);
          chunk[at + 1] = kind!;
          chunk[at + 2] = thread!;
          chunk[at + 3] = obj!;
          chunk[at + 4] = a!;
          chunk[at + 5] = b!;
          chunk[at + 6] = c!;
          chunk[at + 7] = -1;
          at += RECORD_SLOTS;
        }
      }
      // Fill the chunk's tail with markers so every chunk is whole records.
      for (; at < chunk.length; at += RECORD_SLOTS) chunk.set([(time += 0.001), EventKind.MARK, 1, -1, 1, 0, 0, -1], at);
      put(chunkHeader);
      put(new Uint8Array(chunk.buffer));
      events += CHUNK_RECORDS;
    }
    const footer: TraceFooter = {
      result: 'ok', message: null, dropped: 0, deadlock: null, durationMs: time,
      processes: [{ id: 0, name: 'MainProcess', exitCode: 0, error: null }, { id: 1, name: 'worker-1', exitCode: 0, error: null }, { id: 2, name: 'worker-2', exitCode: 0, error: null }],
    };
    put(encodeJsonChunk(ChunkType.FOOTER, footer));
    return { bytes, events };
  } finally {
    closeSync(fd);
  }
}
