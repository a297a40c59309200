/**
 * The bounds every event record of a trace file must keep, checked as a file is read: a trace is
 * untrusted input, and the analysis lays out flat tables indexed by thread, object and element, so
 * a record naming object 10^9 or element 2^40 would make it allocate gigabytes (or hang), and a
 * NaN time would scramble its ordering. A record out of bounds makes the file corrupt, with the
 * record's number in the message; nothing the runtime writes comes near these bounds.
 *
 *   time      finite
 *   kind      an EventKind of this schema
 *   thread    an integer in [-1, MAX_PROCESSES)            (a pid; -1 for the supervisor's own)
 *   obj       an integer in [-1, MAX_OBJECT_ID]             (an object id; a pid, below MAX_PROCESSES,
 *                                                          for lifecycle and CPU kinds)
 *   loc       an integer string id in the int32 range       (the supervisor's are negative)
 *   READ/WRITE a (the element index): an integer in [0, MAX_ELEMENTS)
 *   OBJ_CREATE c (the size): an integer in [0, MAX_ELEMENTS]
 *   shared-buffer accesses (SHM_*, ATOMIC*) a (the byte address): an integer in
 *             [0, MAX_BUFFER_BYTES); ranged ones' b (the byte length) too: the analysis walks
 *             the cells of a range, and a cell counter past 2^53 stops counting (a hang)
 * Other argument slots are values (a Value may hold NaN), sequence numbers or ids the analysis
 * keys maps with, so they are not bounded here.
 */
import { MAX_PROCESSES } from './control-block';
import { EventKind, RECORD_SLOTS, Slot } from './events';

/**
 * Object ids count up from 1 per run, one per shared object made, and are never reused in a run
 * (even when an object's memory is). The analysis lays objects out densely by id, so this bound
 * is also what keeps a hostile trace from asking it for gigabytes (see trace-model.ts).
 */
export const MAX_OBJECT_ID = (1 << 22) - 1;
/** Elements of one Array (the runtime refuses larger ones; the analysis sizes tables by index). */
export const MAX_ELEMENTS = 1 << 29;

/** Bytes of one SharedArrayBuffer: 1 TiB, far above what V8 allocates. */
export const MAX_BUFFER_BYTES = 2 ** 40;
const BYTE_ADDRESS_KINDS = new Set<number>([
  EventKind.SHM_READ, EventKind.SHM_WRITE, EventKind.ATOMIC, EventKind.ATOMIC_NOTIFY, EventKind.SHM_RANGE_READ, EventKind.SHM_RANGE_WRITE,
]);
const RANGE_KINDS = new Set<number>([EventKind.SHM_RANGE_READ, EventKind.SHM_RANGE_WRITE]);

const KNOWN_KINDS = new Set<number>(Object.values(EventKind));
/** Kinds whose obj is a process id. */
const PID_OBJECT_KINDS = new Set<number>([
  EventKind.PROC_START, EventKind.PROC_BEGIN, EventKind.PROC_EXIT, EventKind.PROC_JOINED, EventKind.PROC_TERMINATE, EventKind.CPU,
]);

const isInt = (v: number, min: number, max: number): boolean => Number.isInteger(v) && v >= min && v <= max;

/** Why record `r` of `events` is out of bounds, or null when it is not. */
export function recordProblem(events: Float64Array, r: number): string | null {
  const at = r * RECORD_SLOTS;
  const kind = events[at + Slot.kind]!;
  if (!KNOWN_KINDS.has(kind)) return `an unknown event kind ${kind}`;
  if (!Number.isFinite(events[at + Slot.time])) return `a time of ${events[at + Slot.time]}`;
  if (!isInt(events[at + Slot.thread]!, -1, MAX_PROCESSES - 1)) return `a thread of ${events[at + Slot.thread]}`;
  if (!isInt(events[at + Slot.obj]!, -1, MAX_OBJECT_ID)) return `an object of ${events[at + Slot.obj]}`;
  if (!isInt(events[at + Slot.loc]!, -(2 ** 31), 2 ** 31 - 1)) return `a location of ${events[at + Slot.loc]}`;
  if ((kind === EventKind.READ || kind === EventKind.WRITE) && !isInt(events[at + Slot.a]!, 0, MAX_ELEMENTS - 1)) {
    return `an element index of ${events[at + Slot.a]}`;
  }
  if (BYTE_ADDRESS_KINDS.has(kind) && !isInt(events[at + Slot.a]!, 0, MAX_BUFFER_BYTES - 1)) return `a byte address of ${events[at + Slot.a]}`;
  if (RANGE_KINDS.has(kind) && !isInt(events[at + Slot.b]!, 0, MAX_BUFFER_BYTES)) return `a byte length of ${events[at + Slot.b]}`;
  if (kind === EventKind.OBJ_CREATE && !isInt(events[at + Slot.c]!, 0, MAX_ELEMENTS)) return `an object size of ${events[at + Slot.c]}`;
  if (PID_OBJECT_KINDS.has(kind) && !isInt(events[at + Slot.obj]!, -1, MAX_PROCESSES - 1)) return `a process of ${events[at + Slot.obj]}`;
  return null;
}

/** The first record of `events` out of bounds: its number and why, or null. */
export function firstBadRecord(events: Float64Array): { record: number; problem: string } | null {
  const n = events.length / RECORD_SLOTS;
  for (let r = 0; r < n; r++) {
    const problem = recordProblem(events, r);
    if (problem !== null) return { record: r, problem };
  }
  return null;
}
