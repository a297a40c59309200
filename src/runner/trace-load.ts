/**
 * Loads a trace file for the CLI (report, export, the summary after a run) with a bound on what it
 * holds in memory, so a huge file (a long flood, or a hostile 1 GB file) gives a partial load or a
 * clear error, never an out-of-memory crash or a hang.
 *
 * - A file up to `maxBytes` is read whole and parsed (parseTrace).
 * - A larger one is streamed chunk by chunk: events are kept until `maxBytes` of them are loaded;
 *   after that the reader only walks chunk headers (8 bytes each, skipping event payloads), still
 *   taking in strings and the footer, so the result, the processes and the drop count are those of
 *   the whole run. `partial` says how much was loaded.
 * - A JSON chunk larger than any Interleave writes (MAX_JSON_CHUNK_BYTES) is corrupt, not loaded.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { RECORD_BYTES } from '../shared/events';
import {
  CHUNK_HEADER_BYTES, ChunkType, TRACE_MAGIC, TraceAssembler, TraceFormatError, checkMagic, paddedLength, parseTrace,
  type ParsedTrace,
} from '../shared/trace-file';

/** Trace bytes loaded at most by default: 256 MiB, about 4 million events. */
export const DEFAULT_MAX_LOAD_BYTES = 256 * 1024 * 1024;
/** Strings and footers are small (a strings chunk holds one drain's new names): anything this
 * large is not an Interleave chunk. */
export const MAX_JSON_CHUNK_BYTES = 64 * 1024 * 1024;

export interface PartialLoad {
  /** Bytes of events loaded, and of the whole file. */
  loadedBytes: number;
  fileBytes: number;
  /** Events loaded and events in the file (counted from chunk lengths). */
  loadedEvents: number;
  fileEvents: number;
  /** One sentence for the user. */
  message: string;
}

export interface LoadedTrace extends ParsedTrace {
  /** Null when the whole trace was loaded. */
  partial: PartialLoad | null;
}

export interface LoadOptions {
  maxBytes?: number;
}

export function loadTraceFile(path: string, options: LoadOptions = {}): LoadedTrace {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOAD_BYTES;
  const fd = openSync(path, 'r');
  try {
    const fileBytes = fstatSync(fd).size;
    if (fileBytes <= maxBytes) return { ...parseTrace(readFileSync(fd)), partial: null };
    return streamPartial(fd, fileBytes, maxBytes);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? out : out.subarray(0, done);
}

function streamPartial(fd: number, fileBytes: number, maxBytes: number): LoadedTrace {
  checkMagic(readAt(fd, 0, TRACE_MAGIC.byteLength));
  const assembler = new TraceAssembler();
  let truncated = false;
  let loadedBytes = 0;
  let fileEventBytes = 0;
  let jsonBytes = 0;
  let full = false;
  let at = TRACE_MAGIC.byteLength;
  while (at < fileBytes) {
    if (at + CHUNK_HEADER_BYTES > fileBytes) { truncated = true; break; }
    const head = new DataView(readAt(fd, at, CHUNK_HEADER_BYTES).buffer);
    const type = head.getUint32(0, true);
    const length = head.getUint32(4, true);
    const start = at + CHUNK_HEADER_BYTES;
    if (start + length > fileBytes) { truncated = true; break; }
    if (type === ChunkType.EVENTS) {
      if (length % RECORD_BYTES !== 0) throw new TraceFormatError('corrupt trace: an events chunk is not whole records');
      fileEventBytes += length;
      const room = full ? 0 : Math.floor((maxBytes - loadedBytes) / RECORD_BYTES) * RECORD_BYTES;
      const take = Math.min(room, length);
      if (take > 0) {
        assembler.add(type, readAt(fd, start, take));
        loadedBytes += take;
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
      assembler.add(type, readAt(fd, start, length));
    }
    at = start + paddedLength(length);
  }
  const trace = assembler.finish(truncated);
  const loadedEvents = loadedBytes / RECORD_BYTES;
  const fileEvents = fileEventBytes / RECORD_BYTES;
  const partial: PartialLoad | null = loadedEvents < fileEvents
    ? {
        loadedBytes,
        fileBytes,
        loadedEvents,
        fileEvents,
        message: `the trace is too large to load whole (${mib(fileBytes)}): loaded its first ${loadedEvents.toLocaleString('en-US')} of ` +
          `${fileEvents.toLocaleString('en-US')} events (${mib(loadedBytes)}); findings cover that part only`,
      }
    : null;
  return { ...trace, partial };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
