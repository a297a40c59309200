/**
 * LOCK_RUN: ring records that exist only in a thread's ring, never in a trace.
 *
 * In a burst (a hot loop), a thread's consecutive uncontended holds of one Lock/RLock are written
 * as one run: a header record that also holds the first hold's release, then only the time of each
 * further acquire and release, eight to a record. Nothing else changes from hold to hold (the
 * thread, the lock, nobody waiting, no location captured, the acquisition number one more each
 * time), so a hold costs two float stores in the ring instead of a record per event, and a lone
 * hold one record (see Recorder.recordLockAcquired). Every time is still
 * read from the clock: nothing is estimated. The supervisor expands a run into the LOCK_ACQUIRED
 * and LOCK_RELEASED events it stands for as it drains, before anything else sees the records, so
 * the trace schema, analysis, the webview and the exports only ever see ordinary events.
 *
 * Header slots: [0] time of event 0 (the first acquire), [1] RING_LOCK_RUN, [2] time of event 1
 * (its release), [3] obj = the lock, [4] a = acquisition number of the first hold, [5] events in
 * the run (n >= 1; written last for each event, so it is the run's commit word), [6] c = recursion
 * depth after an acquire (LOCK_ACQUIRED's c: 0 for Lock, 1 for RLock), [7] loc = the first
 * acquire's location. Continuation records follow the header: the time of event i >= 2 is slot
 * (i - 2) % 8 of the ((i - 2) / 8)-th of them (runTimeSlot). Even events are acquisitions, odd ones
 * releases; hold h = i / 2 has acquisition number a + h. Implied: the thread is the ring's (the
 * supervisor knows it), nobody waited (LOCK_ACQUIRED b = 0), no waiters at the release
 * (LOCK_RELEASED b = 0), depth 0 after a release, no location after the first acquire.
 */
import { EventKind, RECORD_SLOTS } from './events';

/** Negative, so it can never collide with a trace EventKind (all positive). */
export const RING_LOCK_RUN = -EventKind.LOCK_ACQUIRED;

/** Header slot of the run's event count. */
export const RUN_EVENTS_SLOT = 5;

/** Continuation records a run of `events` events occupies after its header. */
export function runContinuations(events: number): number {
  return (events + 5) >> 3; // ceil((events - 2) / 8), and none for one or two events
}

/** Where event `i` >= 1 of a run puts its time, counted in slots from the run's header. */
export function runTimeSlot(i: number): number {
  return i === 1 ? 2 : RECORD_SLOTS - 2 + i;
}

/**
 * The events a run header at `at` stands for, given the records that follow it in the batch: a
 * run adopted from a thread killed as it started a continuation record may have fewer than its
 * count says, and then ends with the last time present.
 */
function runEvents(records: Float64Array, at: number, recordsAfter: number): number {
  const events = records[at + RUN_EVENTS_SLOT]!;
  return Math.min(events, 2 + 8 * Math.min(runContinuations(events), recordsAfter));
}

/** `records` holds whole drained ring records of `thread`; returns them with every run expanded. */
export function expandLockRuns(records: Float64Array, thread: number): Float64Array {
  const count = records.length / RECORD_SLOTS;
  let events = 0;
  let runs = 0;
  for (let i = 0; i < count; ) {
    const at = i * RECORD_SLOTS;
    if (records[at + 1] !== RING_LOCK_RUN) {
      events++;
      i++;
      continue;
    }
    const n = runEvents(records, at, count - i - 1);
    events += n;
    runs++;
    i += 1 + runContinuations(n);
  }
  if (runs === 0) return records;
  const out = new Float64Array(events * RECORD_SLOTS);
  let o = 0;
  for (let i = 0; i < count; ) {
    const at = i * RECORD_SLOTS;
    if (records[at + 1] !== RING_LOCK_RUN) {
      for (let k = 0; k < RECORD_SLOTS; k++) out[o + k] = records[at + k];
      o += RECORD_SLOTS;
      i++;
      continue;
    }
    const n = runEvents(records, at, count - i - 1);
    o = writeRun(records, at, n, thread, out, o);
    i += 1 + runContinuations(n);
  }
  return out;
}

/** Writes the `n` events of the run whose header is at `at` into `out` from `o`; returns the end. */
function writeRun(records: Float64Array, at: number, n: number, thread: number, out: Float64Array, o: number): number {
  // Field by field: the supervisor runs this for every uncontended lock hold of a hot loop.
  const lock = records[at + 3]!;
  const first = records[at + 4]!;
  const depth = records[at + 6]!;
  for (let e = 0; e < n; e++) {
    const acquire = (e & 1) === 0;
    out[o] = records[at + (e === 0 ? 0 : runTimeSlot(e))]!;
    out[o + 1] = acquire ? EventKind.LOCK_ACQUIRED : EventKind.LOCK_RELEASED;
    out[o + 2] = thread;
    out[o + 3] = lock;
    out[o + 4] = first + (e >> 1);
    out[o + 5] = 0;
    out[o + 6] = acquire ? depth : 0;
    out[o + 7] = e === 0 ? records[at + 7]! : -1;
    o += RECORD_SLOTS;
  }
  return o;
}
