/**
 * Reads a saved trace for the timeline page (which parses it itself), never holding more than a
 * bounded window of it: a file up to the budget is read whole; a larger one (a long run, or a
 * hostile 1 GB file) is walked chunk by chunk (src/shared/trace-window.ts, the same walker as the
 * CLI's loader) and re-encoded as a smaller, valid trace: its header, strings and footer, and its
 * events up to the budget. The host only checks the magic and the chunk structure; the page checks
 * every record.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { CHUNK_HEADER_BYTES, ChunkType, TRACE_MAGIC, TraceAssembler, checkMagic, paddedLength, type TraceFooter, type TraceHeader } from '../shared/trace-file';
import { partialLoadMessage, walkTraceWindow, type ReadAt } from '../shared/trace-window';
import type { ToWebview } from './panel-messages';

/**
 * Events the timeline is given at most: 64 MiB, about one million events. The page holds them
 * (and draws them) in a browser context; the host holds them once more while posting.
 */
export const TIMELINE_MAX_EVENT_BYTES = 64 * 1024 * 1024;

export interface TraceForView {
  message: ToWebview;
  /** One sentence when only the first part of the trace is shown, else null. */
  partial: string | null;
}

export function checkTraceBytes(bytes: Uint8Array): void {
  checkMagic(bytes);
}

export function loadMessage(title: string, bytes: Uint8Array): ToWebview {
  checkTraceBytes(bytes);
  return { type: 'load', trace: bytes, title };
}

/** The trace at `tracePath`, whole or (past `maxEventBytes` of events) its first part. */
export function readTraceForView(tracePath: string, maxEventBytes = TIMELINE_MAX_EVENT_BYTES): TraceForView {
  const title = path.basename(tracePath);
  const fd = openSync(tracePath, 'r');
  try {
    const fileBytes = fstatSync(fd).size;
    const readAt = bufferedReader(fd);
    if (fileBytes <= maxEventBytes) {
      const whole = readAt(0, fileBytes);
      // Post a buffer of exactly the trace (a view into a larger block would carry the block).
      return { message: loadMessage(title, whole.byteLength === whole.buffer.byteLength ? whole : whole.slice()), partial: null };
    }
    const parts: Uint8Array[] = [TRACE_MAGIC];
    let total = TRACE_MAGIC.byteLength;
    const window = walkTraceWindow(readAt, fileBytes, maxEventBytes, (type, payload) => {
      const chunk = new Uint8Array(CHUNK_HEADER_BYTES + paddedLength(payload.byteLength));
      const view = new DataView(chunk.buffer);
      view.setUint32(0, type, true);
      view.setUint32(4, payload.byteLength, true);
      chunk.set(payload, CHUNK_HEADER_BYTES);
      parts.push(chunk);
      total += chunk.byteLength;
    });
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { bytes.set(p, at); at += p.byteLength; }
    return {
      message: { type: 'load', trace: bytes, title },
      partial: partialLoadMessage(fileBytes, window, 'the timeline shows that part only'),
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * The footer of a trace file, or null when it has none (the runner was cut off): for a run whose
 * end did not arrive over IPC (the channel was closed first) but which the runner did finish.
 * Reads chunk headers, the strings and the footer, no events.
 */
export function readTraceFooter(tracePath: string): TraceFooter | null {
  return readTraceEnds(tracePath).footer;
}

/** The header and the footer (null when cut short) of a trace file, without its events. */
export function readTraceEnds(tracePath: string): { header: TraceHeader; footer: TraceFooter | null } {
  const fd = openSync(tracePath, 'r');
  try {
    const assembler = new TraceAssembler();
    const window = walkTraceWindow(bufferedReader(fd, 64 * 1024), fstatSync(fd).size, 0, (type, payload) => {
      if (type !== ChunkType.EVENTS) assembler.add(type, payload);
    });
    const trace = assembler.finish(window.truncated);
    return { header: trace.header, footer: trace.footer };
  } finally {
    closeSync(fd);
  }
}

/**
 * Positional reads through a 1 MiB block, so a file of many small chunks costs a read per MiB,
 * not a system call per chunk header.
 */
function bufferedReader(fd: number, blockBytes = 1 << 20): ReadAt {
  let blockStart = 0;
  let block = new Uint8Array(0);
  const readInto = (out: Uint8Array, position: number): number => {
    let done = 0;
    while (done < out.byteLength) {
      const n = readSync(fd, out, done, out.byteLength - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  };
  return (position, length) => {
    if (position >= blockStart && position + length <= blockStart + block.byteLength) {
      return block.subarray(position - blockStart, position - blockStart + length);
    }
    if (length >= blockBytes) {
      const out = new Uint8Array(length);
      return out.subarray(0, readInto(out, position));
    }
    const next = new Uint8Array(blockBytes);
    block = next.subarray(0, readInto(next, position));
    blockStart = position;
    return block.subarray(0, Math.min(length, block.byteLength));
  };
}
