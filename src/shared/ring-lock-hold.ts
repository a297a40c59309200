/**
 * LOCK_HOLD: a record that exists only in a thread's ring, never in a trace.
 *
 * In a burst (a hot loop), an uncontended Lock/RLock acquisition and its release are written as
 * one ring record instead of two (see Recorder.recordLockAcquired): half the ring traffic on the
 * hottest path of a traced program. Both times are still read from the clock, so nothing is
 * estimated. The supervisor expands every LOCK_HOLD into the LOCK_ACQUIRED and LOCK_RELEASED it
 * stands for as it drains, before anything else sees the records, so the trace schema, analysis,
 * the webview and the exports only ever see the two ordinary events.
 *
 * Slots: [0] time acquired, [1] RING_LOCK_HOLD, [2] thread, [3] obj = lock, [4] a = acquisition
 * number, [5] b = time released, [6] c = recursion depth after the acquire (LOCK_ACQUIRED's c),
 * [7] loc = the acquire's location. Implied: nobody waited for it (LOCK_ACQUIRED b = 0), no waiters
 * at the release (LOCK_RELEASED b = 0), depth 0 after the release, release location not captured.
 */
import { EventKind, RECORD_SLOTS } from './events';

/** Negative, so it can never collide with a trace EventKind (all positive). */
export const RING_LOCK_HOLD = -EventKind.LOCK_ACQUIRED;

/** `records` holds whole drained ring records; returns them with every LOCK_HOLD expanded. */
export function expandLockHolds(records: Float64Array): Float64Array {
  const count = records.length / RECORD_SLOTS;
  let holds = 0;
  for (let i = 0; i < count; i++) if (records[i * RECORD_SLOTS + 1] === RING_LOCK_HOLD) holds++;
  if (holds === 0) return records;
  const out = new Float64Array((count + holds) * RECORD_SLOTS);
  let o = 0;
  for (let at = 0; at < records.length; at += RECORD_SLOTS) {
    if (records[at + 1] !== RING_LOCK_HOLD) {
      for (let k = 0; k < RECORD_SLOTS; k++) out[o + k] = records[at + k];
      o += RECORD_SLOTS;
      continue;
    }
    // Field by field: the supervisor runs this for every uncontended lock hold of a hot loop.
    const thread = records[at + 2];
    const lock = records[at + 3];
    const acquisition = records[at + 4];
    out[o] = records[at];
    out[o + 1] = EventKind.LOCK_ACQUIRED;
    out[o + 2] = thread;
    out[o + 3] = lock;
    out[o + 4] = acquisition;
    out[o + 5] = 0;
    out[o + 6] = records[at + 6];
    out[o + 7] = records[at + 7];
    const r = o + RECORD_SLOTS;
    out[r] = records[at + 5];
    out[r + 1] = EventKind.LOCK_RELEASED;
    out[r + 2] = thread;
    out[r + 3] = lock;
    out[r + 4] = acquisition;
    out[r + 5] = 0;
    out[r + 6] = 0;
    out[r + 7] = -1;
    o += 2 * RECORD_SLOTS;
  }
  return out;
}
