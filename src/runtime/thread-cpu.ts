/**
 * Which CPU the calling thread runs on, from /proc/thread-self/stat (Linux). Elsewhere this
 * answers null: "core unknown", no error.
 *
 * Read with open, one read and close into a buffer kept for it: readFileSync costs ~50 µs here
 * (it stats the file and reads in a loop), these three calls ~11 µs, and a thread reads it as it
 * begins and as it ends, on the path of every run (a scheduled run's threads take turns).
 * The descriptor is not kept open: a thread that is terminated could not close it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parseStat, type CpuSample } from '../shared/proc-stat';

let available = process.platform === 'linux';
// 52 numeric fields and a 16-byte name: well under this.
const STAT_BYTES = 4096;
let scratch: Buffer | null = null;

export function readThreadCpu(): CpuSample | null {
  if (!available) return null;
  try {
    scratch ??= Buffer.alloc(STAT_BYTES);
    const fd = openSync('/proc/thread-self/stat', 'r');
    try {
      const length = readSync(fd, scratch, 0, STAT_BYTES, 0);
      return parseStat(scratch.toString('latin1', 0, length));
    } finally {
      closeSync(fd);
    }
  } catch {
    available = false;
    return null;
  }
}
