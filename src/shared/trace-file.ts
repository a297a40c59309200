/**
 * The `.itrace` file format, version 1.
 *
 * A trace is written while the run streams and must stay readable when the run is cut short, so
 * it is a sequence of self-delimiting chunks that a reader takes until the first incomplete one:
 *
 *   magic   8 bytes  "ITRACE\x01\n" (the \x01 is the major format version)
 *   chunk*  u32 type, u32 payload byte length (little-endian), payload, zero padding to 8 bytes
 *
 * Chunk types:
 *   HEADER  (1) UTF-8 JSON TraceHeader, exactly once, first.
 *   STRINGS (2) UTF-8 JSON array of [id, text] pairs, before the first event that uses those ids.
 *   EVENTS  (3) float64 little-endian records of RECORD_SLOTS slots (see events.ts); STRING
 *               records are already taken out. Within one chunk each thread's own events are in
 *               time order (the sampler's CPU records excepted); across chunks and threads,
 *               readers sort by time.
 *   FOOTER  (4) UTF-8 JSON TraceFooter, last, only when the run ended normally or was stopped by
 *               the supervisor (a missing footer means the runner itself died).
 *
 * Trace files are data: every string in them is shown as text, never parsed as markup or code.
 */
import { RECORD_BYTES, SCHEMA_VERSION } from './events';

export const TRACE_FILE_EXTENSION = '.itrace';
export const TRACE_MAGIC = new Uint8Array([0x49, 0x54, 0x52, 0x41, 0x43, 0x45, SCHEMA_VERSION, 0x0a]);

export const ChunkType = { HEADER: 1, STRINGS: 2, EVENTS: 3, FOOTER: 4 } as const;
export type ChunkType = (typeof ChunkType)[keyof typeof ChunkType];

export interface TraceHeader {
  schema: number;
  /** The script that ran, as the user gave it. */
  script: string;
  /** Wall-clock time of the run's epoch (time 0 of every event), ms since 1970. */
  epochWallMs: number;
  cpuCount: number;
  platform: string;
  /** Whether per-core data (CPU events) is available on this platform. */
  coresKnown: boolean;
  /** Source-location capture in force: 'all' | 'sync' | 'off'. */
  locations: string;
}

export type RunResult = 'ok' | 'error' | 'timeout' | 'deadlock';

export interface ProcessSummary {
  id: number;
  name: string;
  exitCode: number | null;
  error: string | null;
}

export interface TraceFooter {
  result: RunResult;
  /** Why the supervisor stopped the run, when it did. */
  message: string | null;
  processes: ProcessSummary[];
  dropped: number;
  /** The live deadlock detector's cycle, when it stopped the run. */
  deadlock: DeadlockCycle | null;
  durationMs: number;
}

/** One wait in a deadlock cycle: `waiter` waits on `object`, which `holder` holds. */
export interface DeadlockEdge {
  waiter: number;
  object: number;
  holder: number;
}
export interface DeadlockCycle {
  edges: DeadlockEdge[];
}

const HEADER_BYTES = 8;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

function pad8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * The 8-byte header of a chunk whose payload the caller writes itself, right after. The payload
 * must be a multiple of 8 bytes long (EVENTS payloads always are), so no padding follows.
 */
export function encodeChunkHeader(type: ChunkType, payloadBytes: number): Uint8Array {
  if (payloadBytes % 8 !== 0) throw new RangeError('a chunk written in two parts needs a payload of whole 8-byte words');
  const out = new Uint8Array(HEADER_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, payloadBytes, true);
  return out;
}

/** Encodes one chunk. EVENTS payloads are copied as raw float64 bytes. */
export function encodeChunk(type: ChunkType, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + pad8(payload.byteLength));
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, payload.byteLength, true);
  out.set(payload, HEADER_BYTES);
  return out;
}

export function encodeJsonChunk(type: ChunkType, value: unknown): Uint8Array {
  return encodeChunk(type, textEncoder.encode(JSON.stringify(value)));
}

export function encodeEventsChunk(events: Float64Array): Uint8Array {
  return encodeChunk(ChunkType.EVENTS, new Uint8Array(events.buffer, events.byteOffset, events.byteLength));
}

export class TraceFormatError extends Error {
  override name = 'TraceFormatError';
}

export interface ParsedTrace {
  header: TraceHeader;
  strings: Map<number, string>;
  /** All events, in file order (not yet sorted by time). */
  events: Float64Array;
  footer: TraceFooter | null;
  /** True when the file ended inside a chunk (the run was cut short while writing). */
  truncated: boolean;
}

/**
 * Reads a whole trace file. Stops quietly at a truncated tail (marking `truncated`), and throws a
 * TraceFormatError with a plain message for a file that is not a trace or is of another version.
 */
export function parseTrace(bytes: Uint8Array): ParsedTrace {
  if (bytes.byteLength < TRACE_MAGIC.byteLength) throw new TraceFormatError('not an Interleave trace: the file is too short');
  for (let i = 0; i < 6; i++) {
    if (bytes[i] !== TRACE_MAGIC[i]) throw new TraceFormatError('not an Interleave trace: wrong magic bytes');
  }
  if (bytes[6] !== SCHEMA_VERSION) {
    throw new TraceFormatError(`unsupported trace version ${bytes[6]} (this Interleave reads version ${SCHEMA_VERSION})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: TraceHeader | null = null;
  let footer: TraceFooter | null = null;
  const strings = new Map<number, string>();
  const eventChunks: Float64Array[] = [];
  let eventCount = 0;
  let truncated = false;
  let at = TRACE_MAGIC.byteLength;
  while (at < bytes.byteLength) {
    if (at + HEADER_BYTES > bytes.byteLength) { truncated = true; break; }
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    const start = at + HEADER_BYTES;
    if (start + length > bytes.byteLength) { truncated = true; break; }
    const payload = bytes.subarray(start, start + length);
    switch (type) {
      case ChunkType.HEADER: header = parseJson(payload, 'header') as TraceHeader; break;
      case ChunkType.STRINGS: {
        const pairs = parseJson(payload, 'strings');
        if (!Array.isArray(pairs)) throw new TraceFormatError('corrupt trace: strings chunk is not an array');
        for (const pair of pairs) {
          if (Array.isArray(pair) && typeof pair[0] === 'number' && typeof pair[1] === 'string') strings.set(pair[0], pair[1]);
        }
        break;
      }
      case ChunkType.EVENTS: {
        if (length % RECORD_BYTES !== 0) throw new TraceFormatError('corrupt trace: an events chunk is not whole records');
        // Copy: the payload may not be 8-byte aligned inside the caller's buffer.
        const copy = new Float64Array(length / 8);
        new Uint8Array(copy.buffer).set(payload);
        eventChunks.push(copy);
        eventCount += copy.length;
        break;
      }
      case ChunkType.FOOTER: footer = parseJson(payload, 'footer') as TraceFooter; break;
      default: throw new TraceFormatError(`corrupt trace: unknown chunk type ${type}`);
    }
    at = start + pad8(length);
  }
  if (!header) throw new TraceFormatError('corrupt trace: no header');
  if (typeof header.schema !== 'number' || header.schema !== SCHEMA_VERSION) {
    throw new TraceFormatError(`unsupported trace schema ${String(header.schema)}`);
  }
  const events = new Float64Array(eventCount);
  let offset = 0;
  for (const chunk of eventChunks) { events.set(chunk, offset); offset += chunk.length; }
  return { header, strings, events, footer, truncated };
}

function parseJson(payload: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(textDecoder.decode(payload));
  } catch {
    throw new TraceFormatError(`corrupt trace: the ${what} chunk is not valid JSON`);
  }
}
