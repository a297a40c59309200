/** Reads a saved trace for the timeline page, which parses it itself (the host only checks it is one). */
import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import { TRACE_MAGIC, TraceFormatError } from '../shared/trace-file';
import type { ToWebview } from './panel-messages';

export function checkTraceBytes(bytes: Uint8Array): void {
  for (let i = 0; i < 6; i++) {
    if (bytes[i] !== TRACE_MAGIC[i]) throw new TraceFormatError('not an Interleave trace (wrong magic bytes)');
  }
}

export function loadMessage(title: string, bytes: Uint8Array): ToWebview {
  checkTraceBytes(bytes);
  return { type: 'load', trace: bytes, title };
}

export async function readTraceMessage(tracePath: string): Promise<ToWebview> {
  return loadMessage(path.basename(tracePath), new Uint8Array(await readFile(tracePath)));
}
