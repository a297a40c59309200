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
import { RECORD_BYTES, RECORD_SLOTS, SCHEMA_VERSION } from './events';
import { firstBadRecord } from './trace-records';

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
  /** Source-location capture in force: 'sampled' | 'all' | 'off'. */
  locations: string;
  /** Each worker's JS heap cap in MB (absent in traces written before it was recorded). */
  workerHeapMb?: number;
  /** The limit of the run's shared heap in MB (absent in traces written before it was recorded). */
  sharedHeapMb?: number;
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
  /** Present when the run was under a controlled scheduler: how, and the schedule it took. */
  schedule?: ScheduleInfo;
  /** What else happened to the run that is not its result (for example, that the runner's stdout
   *  closed and the program's later output was discarded). Absent when nothing did. Added in
   *  SCHEMA_VERSION 1 as an optional field: older readers ignore it. */
  notes?: string[];
  /** The shared heap's peak size in bytes (it only grows; absent in older traces). */
  sharedHeapBytes?: number;
}

/** A scheduled run's strategy and its compact schedule (see runner/sched/schedule-string.ts). */
export interface ScheduleInfo {
  strategy: string;
  seed: number;
  depth: number | null;
  /** One line: the thread let go at each point where more than one could move. */
  schedule: string;
  /** Scheduling points in the run, choice points among them, and preemptions among those. */
  points: number;
  choices: number;
  preemptions: number;
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
 * TraceFormatError with a plain message for a file that is not a trace, is of another version, or
 * is corrupt (a chunk out of place, JSON that is not what the chunk should hold, events that are
 * not whole records). Nothing else escapes: a trace file is untrusted input.
 */
export function parseTrace(bytes: Uint8Array): ParsedTrace {
  checkMagic(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const assembler = new TraceAssembler();
  let truncated = false;
  let at = TRACE_MAGIC.byteLength;
  while (at < bytes.byteLength) {
    if (at + CHUNK_HEADER_BYTES > bytes.byteLength) { truncated = true; break; }
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    const start = at + CHUNK_HEADER_BYTES;
    if (start + length > bytes.byteLength) { truncated = true; break; }
    assembler.add(type, bytes.subarray(start, start + length));
    at = start + pad8(length);
  }
  return assembler.finish(truncated);
}

/** Bytes of a chunk's header (type and length), before its payload. */
export const CHUNK_HEADER_BYTES = HEADER_BYTES;

/** Rounds a payload length up to the 8-byte boundary where the next chunk starts. */
export function paddedLength(payloadBytes: number): number {
  return pad8(payloadBytes);
}

/** Throws a TraceFormatError unless `bytes` starts with the magic of a trace this reader knows. */
export function checkMagic(bytes: Uint8Array): void {
  if (bytes.byteLength < TRACE_MAGIC.byteLength) throw new TraceFormatError('not an Interleave trace: the file is too short');
  for (let i = 0; i < 6; i++) {
    if (bytes[i] !== TRACE_MAGIC[i]) throw new TraceFormatError('not an Interleave trace: wrong magic bytes');
  }
  if (bytes[6] !== SCHEMA_VERSION) {
    throw new TraceFormatError(`unsupported trace version ${bytes[6]} (this Interleave reads version ${SCHEMA_VERSION})`);
  }
  if (bytes[7] !== TRACE_MAGIC[7]) throw new TraceFormatError('not an Interleave trace: wrong magic bytes');
}

/**
 * Builds a ParsedTrace from chunks in file order, checking each as it comes: what parseTrace does
 * over a buffer, and a streaming reader over a file too large to hold.
 */
export class TraceAssembler {
  private header: TraceHeader | null = null;
  private footer: TraceFooter | null = null;
  private readonly strings = new Map<number, string>();
  private readonly eventChunks: Float64Array[] = [];
  /** float64 slots taken in so far. */
  slots = 0;

  add(type: number, payload: Uint8Array): void {
    if (this.header === null && type !== ChunkType.HEADER) {
      throw new TraceFormatError(`corrupt trace: the first chunk is of type ${type}, not the header`);
    }
    if (this.footer !== null) throw new TraceFormatError('corrupt trace: a chunk follows the footer');
    switch (type) {
      case ChunkType.HEADER:
        if (this.header !== null) throw new TraceFormatError('corrupt trace: a second header');
        this.header = checkHeader(parseJson(payload, 'header'));
        break;
      case ChunkType.STRINGS: {
        const pairs = parseJson(payload, 'strings');
        if (!Array.isArray(pairs)) throw new TraceFormatError('corrupt trace: a strings chunk is not a list');
        for (const pair of pairs) {
          if (Array.isArray(pair) && Number.isFinite(pair[0]) && typeof pair[1] === 'string') this.strings.set(pair[0] as number, pair[1]);
        }
        break;
      }
      case ChunkType.EVENTS: {
        if (payload.byteLength % RECORD_BYTES !== 0) throw new TraceFormatError('corrupt trace: an events chunk is not whole records');
        // Copy: the payload may not be 8-byte aligned inside the caller's buffer.
        const copy = new Float64Array(payload.byteLength / 8);
        new Uint8Array(copy.buffer).set(payload);
        const bad = firstBadRecord(copy);
        if (bad) {
          throw new TraceFormatError(`corrupt trace: event ${this.slots / RECORD_SLOTS + bad.record} has ${bad.problem}`);
        }
        this.eventChunks.push(copy);
        this.slots += copy.length;
        break;
      }
      case ChunkType.FOOTER:
        this.footer = checkFooter(parseJson(payload, 'footer'));
        break;
      default:
        throw new TraceFormatError(`corrupt trace: unknown chunk type ${type}`);
    }
  }

  finish(truncated: boolean): ParsedTrace {
    if (!this.header) throw new TraceFormatError(`not a readable trace: the file ends ${truncated ? 'inside' : 'before'} its header`);
    const events = new Float64Array(this.slots);
    let offset = 0;
    for (const chunk of this.eventChunks) { events.set(chunk, offset); offset += chunk.length; }
    return { header: this.header, strings: this.strings, events, footer: this.footer, truncated };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string, field: string, expected: string): TraceFormatError {
  return new TraceFormatError(`corrupt trace: the ${what}'s ${field} is not ${expected}`);
}

/** The header, its fields of the documented types (a missing field takes its neutral value). */
function checkHeader(value: unknown): TraceHeader {
  if (!isObject(value)) throw new TraceFormatError('corrupt trace: the header is not an object');
  if (value.schema === undefined || value.schema === null) throw new TraceFormatError('corrupt trace: the header names no schema version');
  if (typeof value.schema !== 'number') throw malformed('header', 'schema', 'a version number');
  if (value.schema !== SCHEMA_VERSION) {
    throw new TraceFormatError(`unsupported trace schema ${value.schema} (this Interleave reads schema ${SCHEMA_VERSION})`);
  }
  const field = <T>(name: string, ok: (v: unknown) => boolean, expected: string, fallback: T): T => {
    const v = value[name];
    if (v === undefined) return fallback;
    if (!ok(v)) throw malformed('header', name, expected);
    return v as T;
  };
  const isString = (v: unknown): boolean => typeof v === 'string';
  const workerHeapMb = field<number | undefined>('workerHeapMb', (v) => Number.isInteger(v) && (v as number) > 0, 'a whole number of MB', undefined);
  const sharedHeapMb = field<number | undefined>('sharedHeapMb', (v) => Number.isInteger(v) && (v as number) > 0, 'a whole number of MB', undefined);
  return {
    ...value,
    ...(workerHeapMb === undefined ? {} : { workerHeapMb }),
    ...(sharedHeapMb === undefined ? {} : { sharedHeapMb }),
    schema: value.schema,
    script: field('script', isString, 'a string', ''),
    epochWallMs: field('epochWallMs', Number.isFinite, 'a number', 0),
    cpuCount: field('cpuCount', (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65536, 'a CPU count', 1),
    platform: field('platform', isString, 'a string', 'unknown'),
    coresKnown: field('coresKnown', (v) => typeof v === 'boolean', 'true or false', false),
    locations: field('locations', isString, 'a string', 'off'),
  };
}

const RESULTS: readonly string[] = ['ok', 'error', 'timeout', 'deadlock'];

/** The footer, every field of its documented type. */
function checkFooter(value: unknown): TraceFooter {
  if (!isObject(value)) throw new TraceFormatError('corrupt trace: the footer is not an object');
  if (typeof value.result !== 'string' || !RESULTS.includes(value.result)) throw malformed('footer', 'result', 'ok, error, timeout or deadlock');
  if (value.message !== null && value.message !== undefined && typeof value.message !== 'string') throw malformed('footer', 'message', 'text');
  if (!Array.isArray(value.processes)) throw malformed('footer', 'processes', 'a list');
  for (const p of value.processes) {
    if (!isObject(p) || !Number.isFinite(p.id) || typeof p.name !== 'string'
      || !(p.exitCode === null || Number.isFinite(p.exitCode)) || !(p.error === null || typeof p.error === 'string')) {
      throw malformed('footer', 'process list', 'a list of {id, name, exitCode, error}');
    }
  }
  const dropped = value.dropped ?? 0;
  if (!Number.isFinite(dropped) || (dropped as number) < 0) throw malformed('footer', 'dropped', 'a count');
  const deadlock = value.deadlock ?? null;
  if (deadlock !== null) {
    if (!isObject(deadlock) || !Array.isArray(deadlock.edges)
      || !deadlock.edges.every((e) => isObject(e) && Number.isFinite(e.waiter) && Number.isFinite(e.object) && Number.isFinite(e.holder))) {
      throw malformed('footer', 'deadlock', 'a cycle of {waiter, object, holder}');
    }
  }
  const schedule = value.schedule;
  if (schedule !== undefined && (!isObject(schedule) || typeof schedule.schedule !== 'string' || typeof schedule.strategy !== 'string')) {
    throw malformed('footer', 'schedule', 'a {strategy, seed, schedule, ...} object');
  }
  if (value.notes !== undefined && !(Array.isArray(value.notes) && value.notes.every((n) => typeof n === 'string'))) {
    throw malformed('footer', 'notes', 'a list of text');
  }
  const durationMs = value.durationMs ?? 0;
  if (!Number.isFinite(durationMs) || (durationMs as number) < 0) throw malformed('footer', 'durationMs', 'a duration');
  if (value.sharedHeapBytes !== undefined && !(Number.isInteger(value.sharedHeapBytes) && (value.sharedHeapBytes as number) >= 0)) {
    throw malformed('footer', 'sharedHeapBytes', 'a byte count');
  }
  return {
    ...value,
    result: value.result as RunResult,
    message: (value.message ?? null) as string | null,
    processes: value.processes as ProcessSummary[],
    dropped: dropped as number,
    deadlock: deadlock as DeadlockCycle | null,
    durationMs: durationMs as number,
    ...(value.notes !== undefined ? { notes: value.notes as string[] } : {}),
  };
}

function parseJson(payload: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(textDecoder.decode(payload));
  } catch {
    throw new TraceFormatError(`corrupt trace: the ${what} chunk is not valid JSON`);
  }
}
