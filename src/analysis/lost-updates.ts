/**
 * Lost updates, from the versions the recorder stamps on shared accesses.
 *
 * Every location counts its writes; a READ carries the version it saw (writes before it) and a
 * WRITE the version it replaced. When a thread reads version v of a location and its next write
 * there (with no own write in between) replaces version c > v, then c - v writes by other workers
 * landed between its read and its write, and its write, computed from the stale read, erased them.
 *
 * Counting c - v per write would count some updates twice: with three workers reading 0 and
 * writing 1 in turn, the third write erases the second and the first, but the first was already
 * erased by the second. So each location also keeps its "effective" update count: the number of
 * updates its current value carries. A read remembers the effective count it saw (e_read); a
 * read-modify-write sets the count to e_read + 1 and erased e_before - e_read updates. Summed over
 * the writes this telescopes to increments - (final - initial), so the count matches the
 * shortfall in the final value exactly: "200 increments, 187 arrived: 13 lost". (A stale write
 * can also restore updates an even staler write erased; the sum counts that too.)
 */
import type { LostUpdate } from './report';

/** Lost-update details kept per object; the counts are always complete. */
const MAX_DETAILS = 1000;

/**
 * Per slot, one cache line: the effective count, then the pending read (of one thread) that a
 * later write of the same thread completes. A second thread's pending read on the same slot (two
 * workers between read and write at once: exactly the racy case) moves to a Map.
 */
const EFFECTIVE = 0;
const READER = 1;
const VERSION = 2;
const VALUE = 3;
const RECORD = 4;
const LOC = 5;
const SEEN = 6;
const STRIDE = 8;

export interface ObjectUpdates {
  obj: number;
  readModifyWrites: number;
  /** Updates lost, net of any that a later stale write restored. */
  lost: number;
  /** The common written - read difference, null once two differ, undefined before any. */
  step: number | null | undefined;
  updates: LostUpdate[];
  /** Dense threads whose writes erased others', and whose writes were erased. */
  overwriters: Set<number>;
  victims: Set<number>;
  /** Source locations (string ids) of the reads and writes involved. */
  locs: Set<number>;
}

interface LastRead {
  version: number;
  value: number;
  record: number;
  loc: number;
  effective: number;
}

export class LostUpdates {
  readonly byObject = new Map<number, ObjectUpdates>();
  private readonly state: Float64Array;
  /** Pending reads of threads other than the slot's READER, keyed slot * threads + thread. */
  private readonly others = new Map<number, LastRead>();

  constructor(slots: number, private readonly threads: number) {
    this.state = new Float64Array(slots * STRIDE);
    for (let i = 0; i < slots; i++) this.state[i * STRIDE + READER] = -1;
  }

  read(slot: number, t: number, version: number, value: number, record: number, loc: number): void {
    const s = this.state;
    const at = slot * STRIDE;
    const reader = s[at + READER];
    if (reader >= 0 && reader !== t) {
      this.others.set(slot * this.threads + reader, {
        version: s[at + VERSION], value: s[at + VALUE], record: s[at + RECORD], loc: s[at + LOC], effective: s[at + SEEN],
      });
    }
    if (this.others.size > 0) this.others.delete(slot * this.threads + t);
    s[at + READER] = t;
    s[at + VERSION] = version;
    s[at + VALUE] = value;
    s[at + RECORD] = record;
    s[at + LOC] = loc;
    s[at + SEEN] = s[at + EFFECTIVE];
  }

  /**
   * A write of `value` replacing version `before`. `lastWriter` / `lastWriteRecord` describe the
   * write it replaces (from the shadow memory). Returns the lost update it makes when its detail
   * is kept, or null.
   */
  write(
    obj: number, index: number, slot: number, t: number, pid: number,
    before: number, value: number, record: number, loc: number,
    lastWriter: number, lastWriterPid: number, lastWriteRecord: number, lastWriteLoc: number,
  ): LostUpdate | null {
    const s = this.state;
    const at = slot * STRIDE;
    let version: number;
    let readValue: number;
    let readRecord: number;
    let readLoc: number;
    let seen: number;
    const effectiveBefore = s[at + EFFECTIVE];
    if (s[at + READER] === t) {
      version = s[at + VERSION];
      readValue = s[at + VALUE];
      readRecord = s[at + RECORD];
      readLoc = s[at + LOC];
      seen = s[at + SEEN];
      s[at + READER] = -1;
    } else {
      const key = slot * this.threads + t;
      const last = this.others.size > 0 ? this.others.get(key) : undefined;
      if (!last) {
        // A plain write (no read of its own before it): one more update in the value.
        s[at + EFFECTIVE] = effectiveBefore + 1;
        return null;
      }
      this.others.delete(key);
      ({ version, value: readValue, record: readRecord, loc: readLoc, effective: seen } = last);
    }
    s[at + EFFECTIVE] = seen + 1;
    const entry = this.objectEntry(obj);
    entry.readModifyWrites++;
    const step = value - readValue;
    if (entry.step === undefined) entry.step = step;
    else if (entry.step !== null && entry.step !== step) entry.step = null;
    if (before <= version) return null;
    const lost = effectiveBefore - seen;
    entry.lost += lost;
    if (lost <= 0) return null;
    entry.overwriters.add(t);
    if (lastWriter >= 0) entry.victims.add(lastWriter);
    if (readLoc >= 0) entry.locs.add(readLoc);
    if (loc >= 0) entry.locs.add(loc);
    if (lastWriter >= 0 && lastWriteLoc >= 0) entry.locs.add(lastWriteLoc);
    // Details are kept for the first MAX_DETAILS per object; the counts above are complete.
    if (entry.updates.length >= MAX_DETAILS) return null;
    const update: LostUpdate = {
      objectId: obj,
      index,
      pid,
      readRecord,
      writeRecord: record,
      lost,
      overwrittenRecord: lastWriter >= 0 ? lastWriteRecord : null,
      overwrittenPid: lastWriter >= 0 ? lastWriterPid : null,
      raceFinding: null,
    };
    entry.updates.push(update);
    return update;
  }

  private objectEntry(obj: number): ObjectUpdates {
    let entry = this.byObject.get(obj);
    if (!entry) {
      entry = {
        obj, readModifyWrites: 0, lost: 0, step: undefined, updates: [],
        overwriters: new Set(), victims: new Set(), locs: new Set(),
      };
      this.byObject.set(obj, entry);
    }
    return entry;
  }
}
