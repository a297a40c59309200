/**
 * Which CPU the calling thread runs on, from /proc/thread-self/stat (Linux). Elsewhere this
 * answers null: "core unknown", no error.
 */
import { readFileSync } from 'node:fs';
import { parseStat, type CpuSample } from '../shared/proc-stat';

let available = process.platform === 'linux';

export function readThreadCpu(): CpuSample | null {
  if (!available) return null;
  try {
    return parseStat(readFileSync('/proc/thread-self/stat', 'latin1'));
  } catch {
    available = false;
    return null;
  }
}
