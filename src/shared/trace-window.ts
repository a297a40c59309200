/**
 * Walks a trace file's chunks through a positional reader, keeping at most `maxEventBytes` of
 * events: the pure part of every bounded trace load (the CLI's report and export, the extension's
 * timeline and trace editor). No I/O of its own: the caller passes `readAt` (node:fs readSync in
 * the runner and the extension), so a 1 GB file never has to be held whole by anyone.
 *
 * Events are kept from the start of the file until the budget is spent (a chunk may be cut at a
 * record boundary); after that only chunk headers are read (8 bytes each), while strings chunks
 * and the footer are still passed on, so the result, processes and drop count stay those of the
 * whole run. A chunk that runs past the end of the file ends the walk (`truncated`); a JSON chunk
 * larger than any Interleave writes is corrupt.
 */
import { RECORD_BYTES } from './events';
import { CHUNK_HEADER_BYTES, ChunkType, TRACE_MAGIC, TraceFormatError, checkMagic, paddedLength } from './trace-file';

/** Strings and footers are small (a strings chunk holds one drain's new names): anything this
 * large is not an Interleave chunk. */
export const MAX_JSON_CHUNK_BYTES = 64 * 1024 * 1024;

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Uint8Array;

export interface TraceWindow {
  /** Bytes of events passed on, and in the whole file (counted from chunk lengths). */
  loadedEventBytes: number;
  fileEventBytes: number;
  /** True when the file ended inside a chunk (or inside a chunk header). */
  truncated: boolean;
}

/**
 * Calls `visit(type, payload)` for each chunk in file order (events chunks cut to what the
 * budget allows, skipped once it is spent). Throws TraceFormatError for a file that is not a
 * trace, or whose chunk lengths no Interleave trace has.
 */
export function walkTraceWindow(readAt: ReadAt, fileBytes: number, maxEventBytes: number, visit: (type: number, payload: Uint8Array) => void): TraceWindow {
  checkMagic(readAt(0, TRACE_MAGIC.byteLength));
  let truncated = false;
  let loadedEventBytes = 0;
  let fileEventBytes = 0;
  let jsonBytes = 0;
  let full = false;
  let at = TRACE_MAGIC.byteLength;
  while (at < fileBytes) {
    if (at + CHUNK_HEADER_BYTES > fileBytes) { truncated = true; break; }
    const head = readAt(at, CHUNK_HEADER_BYTES);
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const type = view.getUint32(0, true);
    const length = view.getUint32(4, true);
    const start = at + CHUNK_HEADER_BYTES;
    if (start + length > fileBytes) { truncated = true; break; }
    if (type === ChunkType.EVENTS) {
      if (length % RECORD_BYTES !== 0) throw new TraceFormatError('corrupt trace: an events chunk is not whole records');
      fileEventBytes += length;
      const room = full ? 0 : Math.floor((maxEventBytes - loadedEventBytes) / RECORD_BYTES) * RECORD_BYTES;
      const take = Math.min(room, length);
      if (take > 0) {
        visit(type, readAt(start, take));
        loadedEventBytes += take;
      }
      if (take < length) full = true;
    } else {
      if (length > MAX_JSON_CHUNK_BYTES) {
        throw new TraceFormatError(`corrupt trace: a chunk of type ${type} claims ${length} bytes, more than any Interleave trace holds`);
      }
      jsonBytes += length;
      if (jsonBytes > MAX_JSON_CHUNK_BYTES) {
        throw new TraceFormatError(`corrupt trace: more than ${MAX_JSON_CHUNK_BYTES / 2 ** 20} MiB of names and strings`);
      }
      visit(type, readAt(start, length));
    }
    at = start + paddedLength(length);
  }
  return { loadedEventBytes, fileEventBytes, truncated };
}

/** "loaded its first 4,194,304 of 16,760,839 events (256 MiB)": one sentence for a partial load. */
export function partialLoadMessage(fileBytes: number, window: TraceWindow, whatCovers: string): string | null {
  const loaded = window.loadedEventBytes / RECORD_BYTES;
  const total = window.fileEventBytes / RECORD_BYTES;
  if (loaded >= total) return null;
  return `the trace is too large to load whole (${mib(fileBytes)}): loaded its first ${loaded.toLocaleString('en-US')} of ` +
    `${total.toLocaleString('en-US')} events (${mib(window.loadedEventBytes)}); ${whatCovers}`;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
