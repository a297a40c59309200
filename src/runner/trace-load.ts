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
import { TraceAssembler, TraceFormatError, parseTrace, type ParsedTrace } from '../shared/trace-file';
import { MAX_JSON_CHUNK_BYTES, partialLoadMessage, walkTraceWindow } from '../shared/trace-window';

export { MAX_JSON_CHUNK_BYTES };

/** Trace bytes loaded at most by default: 256 MiB, about 4 million events. */
export const DEFAULT_MAX_LOAD_BYTES = 256 * 1024 * 1024;

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
  const fd = openTrace(path);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new TraceFormatError(`${path} is a folder, not a trace file`);
    const fileBytes = stat.size;
    if (fileBytes <= maxBytes) return { ...parseTrace(readFileSync(fd)), partial: null };
    return streamPartial(fd, fileBytes, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a trace for reading. A file that cannot be opened is said in one plain sentence naming
 * it, as a file that is not a trace is (TraceFormatError), not as Node's `ENOENT: … open '…'`.
 */
export function openTrace(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TraceFormatError(`no such trace file: ${path}`);
    if (code === 'EACCES' || code === 'EPERM') throw new TraceFormatError(`cannot read ${path}: permission denied`);
    throw new TraceFormatError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A positional reader over an open file (src/shared/trace-window.ts ReadAt). */
export function fileReader(fd: number): (position: number, length: number) => Uint8Array {
  return (position, length) => {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done === length ? out : out.subarray(0, done);
  };
}

function streamPartial(fd: number, fileBytes: number, maxBytes: number): LoadedTrace {
  const assembler = new TraceAssembler();
  const window = walkTraceWindow(fileReader(fd), fileBytes, maxBytes, (type, payload) => assembler.add(type, payload));
  const trace = assembler.finish(window.truncated);
  const message = partialLoadMessage(fileBytes, window, 'findings cover that part only');
  const partial: PartialLoad | null = message
    ? {
        loadedBytes: window.loadedEventBytes,
        fileBytes,
        loadedEvents: window.loadedEventBytes / RECORD_BYTES,
        fileEvents: window.fileEventBytes / RECORD_BYTES,
        message,
      }
    : null;
  return { ...trace, partial };
}
