/**
 * FastTrack's shadow memory (Flanagan & Freund, PLDI 2009): per shared location, the epoch of
 * its last write and either the epoch of its last read or, once reads are concurrent, a read
 * vector clock. Most accesses cost O(1); only concurrent reads pay O(T).
 *
 * Beside each epoch it keeps which record and source location made it, so that a race is reported
 * as a pair of real accesses with both source lines. Every reported pair is a true race (the
 * earlier access's epoch is not known to the later thread); and on every location, the first
 * race of the trace is always reported (the paper's precision argument), so "this location has a
 * race" matches a brute-force happens-before oracle exactly.
 *
 * FastTrack's same-epoch shortcut is taken only when the source location is also the same, so
 * that a second line racing in one epoch is still reported as its own pair.
 *
 * Locations are "slots" (see trace-model.ts): per-slot state lives in one typed array, a slot's
 * fields side by side, since real programs touch array elements in no particular order.
 */
import type { HappensBefore } from './happens-before';

/** Called for each racing pair: `prev*` is the earlier access, `cur*` the one being made. */
export type RaceSink = (
  slot: number,
  prevThread: number, prevRecord: number, prevLoc: number, prevWrite: boolean,
  curThread: number, curRecord: number, curLoc: number, curWrite: boolean,
) => void;

const NONE = -1;
/** rThread value when reads are tracked by a read vector clock (rClock holds its index). */
const SHARED = -2;

class ReadClock {
  readonly clock: Int32Array;
  readonly record: Int32Array;
  readonly loc: Int32Array;
  constructor(threads: number) {
    this.clock = new Int32Array(threads);
    this.record = new Int32Array(threads);
    this.loc = new Int32Array(threads);
  }
  reset(): void {
    this.clock.fill(0);
  }
}

/** Per-slot shadow fields, interleaved (one slot's state shares a cache line). */
const W_CLOCK = 0;
const W_THREAD = 1;
const W_RECORD = 2;
const W_LOC = 3;
const R_CLOCK = 4;
const R_THREAD = 5;
const R_RECORD = 6;
const R_LOC = 7;
const STRIDE = 8;

export class ShadowMemory {
  /** STRIDE Int32 fields per slot (see above). */
  private readonly state: Int32Array;
  private readonly readClocks: ReadClock[] = [];
  private readonly freeReadClocks: number[] = [];
  private readonly T: number;
  private readonly clocks: Int32Array;

  constructor(slots: number, hb: HappensBefore, private readonly onRace: RaceSink) {
    this.T = hb.threads;
    this.clocks = hb.clocks;
    this.state = new Int32Array(slots * STRIDE);
    for (let i = 0; i < slots; i++) {
      this.state[i * STRIDE + W_THREAD] = NONE;
      this.state[i * STRIDE + R_THREAD] = NONE;
    }
  }

  /** The last write to `slot`: its dense thread (or -1), record and location. */
  lastWriteThread(slot: number): number {
    return this.state[slot * STRIDE + W_THREAD];
  }
  lastWriteRecord(slot: number): number {
    return this.state[slot * STRIDE + W_RECORD];
  }
  lastWriteLoc(slot: number): number {
    return this.state[slot * STRIDE + W_LOC];
  }

  read(slot: number, t: number, record: number, loc: number): void {
    const s = this.state;
    const at = slot * STRIDE;
    const row = t * this.T;
    const epoch = this.clocks[row + t];
    const rt = s[at + R_THREAD];
    if (rt === t && s[at + R_CLOCK] === epoch && s[at + R_LOC] === loc) {
      s[at + R_RECORD] = record;
      return;
    }
    const wt = s[at + W_THREAD];
    if (wt >= 0 && wt !== t && s[at + W_CLOCK] > this.clocks[row + wt]) {
      this.onRace(slot, wt, s[at + W_RECORD], s[at + W_LOC], true, t, record, loc, false);
    }
    if (rt === SHARED) {
      const reads = this.readClocks[s[at + R_CLOCK]];
      reads.clock[t] = epoch;
      reads.record[t] = record;
      reads.loc[t] = loc;
    } else if (rt === NONE || rt === t || s[at + R_CLOCK] <= this.clocks[row + rt]) {
      s[at + R_THREAD] = t;
      s[at + R_CLOCK] = epoch;
      s[at + R_RECORD] = record;
      s[at + R_LOC] = loc;
    } else {
      // Two concurrent reads: from now on keep one read epoch per thread.
      const index = this.newReadClock();
      const reads = this.readClocks[index];
      reads.clock[rt] = s[at + R_CLOCK];
      reads.record[rt] = s[at + R_RECORD];
      reads.loc[rt] = s[at + R_LOC];
      reads.clock[t] = epoch;
      reads.record[t] = record;
      reads.loc[t] = loc;
      s[at + R_THREAD] = SHARED;
      s[at + R_CLOCK] = index;
    }
  }

  write(slot: number, t: number, record: number, loc: number): void {
    const s = this.state;
    const at = slot * STRIDE;
    const T = this.T;
    const row = t * T;
    const epoch = this.clocks[row + t];
    const wt = s[at + W_THREAD];
    if (wt === t && s[at + W_CLOCK] === epoch && s[at + W_LOC] === loc) {
      s[at + W_RECORD] = record;
      return;
    }
    if (wt >= 0 && wt !== t && s[at + W_CLOCK] > this.clocks[row + wt]) {
      this.onRace(slot, wt, s[at + W_RECORD], s[at + W_LOC], true, t, record, loc, true);
    }
    const rt = s[at + R_THREAD];
    if (rt === SHARED) {
      const index = s[at + R_CLOCK];
      const reads = this.readClocks[index];
      for (let u = 0; u < T; u++) {
        if (u !== t && reads.clock[u] > this.clocks[row + u]) {
          this.onRace(slot, u, reads.record[u], reads.loc[u], false, t, record, loc, true);
        }
      }
      reads.reset();
      this.freeReadClocks.push(index);
      s[at + R_THREAD] = NONE;
    } else if (rt >= 0 && rt !== t && s[at + R_CLOCK] > this.clocks[row + rt]) {
      this.onRace(slot, rt, s[at + R_RECORD], s[at + R_LOC], false, t, record, loc, true);
    }
    s[at + W_THREAD] = t;
    s[at + W_CLOCK] = epoch;
    s[at + W_RECORD] = record;
    s[at + W_LOC] = loc;
  }

  /**
   * Reports the races an access would have with the accesses recorded so far, without recording
   * it: for Atomics operations, which never race with each other (they are not kept) but do with
   * plain accesses of the same cell that nothing orders against them.
   */
  check(slot: number, t: number, record: number, loc: number, write: boolean): void {
    const s = this.state;
    const at = slot * STRIDE;
    const T = this.T;
    const row = t * T;
    const wt = s[at + W_THREAD];
    if (wt >= 0 && wt !== t && s[at + W_CLOCK] > this.clocks[row + wt]) {
      this.onRace(slot, wt, s[at + W_RECORD], s[at + W_LOC], true, t, record, loc, write);
    }
    if (!write) return;
    const rt = s[at + R_THREAD];
    if (rt === SHARED) {
      const reads = this.readClocks[s[at + R_CLOCK]];
      for (let u = 0; u < T; u++) {
        if (u !== t && reads.clock[u] > this.clocks[row + u]) this.onRace(slot, u, reads.record[u], reads.loc[u], false, t, record, loc, true);
      }
    } else if (rt >= 0 && rt !== t && s[at + R_CLOCK] > this.clocks[row + rt]) {
      this.onRace(slot, rt, s[at + R_RECORD], s[at + R_LOC], false, t, record, loc, true);
    }
  }

  private newReadClock(): number {
    const free = this.freeReadClocks.pop();
    if (free !== undefined) return free;
    this.readClocks.push(new ReadClock(this.T));
    return this.readClocks.length - 1;
  }
}
