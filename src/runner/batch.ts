/**
 * Turns drained ring records into a batch: events, with the STRING records (and the UTF-16
 * continuation records that follow each) taken out into a strings list. Runs of lock holds (and
 * their records of times, which are not events) are kept whole, for expandLockRuns.
 */
import { EventKind, RECORD_SLOTS, STRING_UNITS_PER_RECORD } from '../shared/events';
import { RING_LOCK_RUN, RUN_EVENTS_SLOT, runContinuations } from '../shared/ring-lock-run';

export interface Batch {
  strings: [number, string][];
  events: Float64Array;
}

/** `records` holds `count` whole records drained from one ring (so strings are contiguous). */
export function splitStrings(records: Float64Array, count: number, strings: [number, string][]): Float64Array {
  // A run's records of times may look like a STRING record here: then the exact pass below runs.
  let hasStrings = false;
  for (let i = 0; i < count; i++) {
    if (records[i * RECORD_SLOTS + 1] === EventKind.STRING) { hasStrings = true; break; }
  }
  if (!hasStrings) return records.subarray(0, count * RECORD_SLOTS);
  const kept = new Float64Array(count * RECORD_SLOTS);
  const units = new Uint16Array(records.buffer, records.byteOffset, count * RECORD_SLOTS * 4);
  let keptCount = 0;
  for (let i = 0; i < count; ) {
    const at = i * RECORD_SLOTS;
    if (records[at + 1] !== EventKind.STRING) {
      const whole = records[at + 1] === RING_LOCK_RUN ? Math.min(1 + runContinuations(records[at + RUN_EVENTS_SLOT]!), count - i) : 1;
      kept.set(records.subarray(at, at + whole * RECORD_SLOTS), keptCount * RECORD_SLOTS);
      keptCount += whole;
      i += whole;
      continue;
    }
    const id = records[at + 4];
    const length = records[at + 5];
    const continuation = records[at + 6];
    const available = Math.min(continuation, count - i - 1);
    const firstUnit = (at + RECORD_SLOTS) * 4;
    const take = Math.min(length, available * STRING_UNITS_PER_RECORD);
    let text = '';
    for (let u = 0; u < take; u += 4096) {
      text += String.fromCharCode(...units.subarray(firstUnit + u, firstUnit + Math.min(take, u + 4096)));
    }
    strings.push([id, text]);
    i += 1 + available;
  }
  return kept.subarray(0, keptCount * RECORD_SLOTS);
}
