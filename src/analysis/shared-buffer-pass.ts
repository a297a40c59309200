/**
 * The shared-buffer part of the one walk (analysis-pass.ts): plain programs' reads, writes, ranged
 * accesses and Atomics operations, checked cell by cell against FastTrack's shadow memory, with
 * each Atomics operation an acquire before its check and (when it writes) a release after it.
 *
 * Atomics operations never race with each other (the memory model's data races need a plain
 * access), and release/acquire alone would not say so: an Atomics.load followed by another
 * thread's Atomics.store is ordered by nothing. So they are checked against the plain accesses in
 * the shadow memory and never kept there: a plain access racing with an Atomics operation that
 * comes after it is found, one racing with an earlier Atomics operation is not.
 *
 * Lost updates are counted apart, after the walk: a granule's accesses are visited in causal order,
 * which need not be their memory order (their times are cheap ones), so each single-cell access is
 * kept, and finish() replays every cell's accesses in memory order — by granule version, reads of
 * a version before the write that replaces it — through the same LostUpdates as Values and Arrays.
 */
import { AtomicOp, EventKind, RECORD_SLOTS, Slot, accessOp, accessSize, accessVersion, atomicOpWrites } from '../shared/events';
import type { HappensBefore } from './happens-before';
import type { LostUpdates } from './lost-updates';
import type { RaceGroups } from './race-groups';
import type { LostUpdate } from './report';
import type { ShadowMemory } from './shadow-memory';
import { accessBytes } from './shared-buffer-cells';
import type { TraceModel } from './trace-model';

const READ = 0;
const WRITE = 1;
/** An Atomics read-modify-write: its read and its write, one step (never a lost update). */
const READ_WRITE = 2;

export class SharedBufferPass {
  /** Single-cell accesses, for finish(): record, slot, dense thread, location, READ/WRITE/READ_WRITE. */
  private record = new Int32Array(1024);
  private slot = new Int32Array(1024);
  private thread = new Int32Array(1024);
  private loc = new Int32Array(1024);
  private how = new Uint8Array(1024);
  private cellIndex = new Float64Array(1024);
  private count = 0;

  constructor(
    private readonly model: TraceModel,
    private readonly hb: HappensBefore,
    private readonly shadow: ShadowMemory,
    /** Tells the race sink which object and cell the access being checked is on. */
    private readonly accessOn: (obj: number, cell: number) => void,
  ) {}

  /** Visits one shared-buffer record of dense thread t; true when it may release held records. */
  visit(t: number, r: number, kind: number, obj: number, a: number, b: number, c: number, loc: number): boolean {
    if (kind === EventKind.ATOMIC_NOTIFY) return this.hb.apply(t, kind, obj, a, b, c);
    const atomic = kind === EventKind.ATOMIC;
    if (atomic) this.hb.atomicAcquire(t, obj, a);
    const op = atomic ? accessOp(c) : -1;
    const writes = kind === EventKind.SHM_WRITE || kind === EventKind.SHM_RANGE_WRITE || (atomic && atomicOpWrites(op));
    const { first, count } = this.model.cellsOf(obj, a, accessBytes(kind, b, c));
    for (let cell = first; cell < first + count; cell++) {
      const slot = this.model.slotOf(obj, cell);
      if (slot < 0) continue;
      this.accessOn(obj, cell);
      if (atomic) this.shadow.check(slot, t, r, loc, writes);
      else if (writes) this.shadow.write(slot, t, r, loc);
      else this.shadow.read(slot, t, r, loc);
    }
    // One cell, one versioned access: kept for the lost-update count.
    if (count === 1 && kind !== EventKind.SHM_RANGE_READ && kind !== EventKind.SHM_RANGE_WRITE && accessSize(c) === this.model.cells.cellSize(obj)) {
      const how = !atomic ? (writes ? WRITE : READ) : !writes ? READ : op === AtomicOp.STORE ? WRITE : READ_WRITE;
      this.keep(r, this.model.slotOf(obj, first), t, loc, how, first);
    }
    if (atomic) return this.hb.atomicRelease(t, obj, a, c);
    return kind === EventKind.SHM_WRITE ? this.hb.apply(t, kind, obj, a, b, c) : false;
  }

  private keep(r: number, slot: number, t: number, loc: number, how: number, cell: number): void {
    if (slot < 0) return;
    if (this.count === this.record.length) this.grow();
    const i = this.count++;
    this.record[i] = r;
    this.slot[i] = slot;
    this.thread[i] = t;
    this.loc[i] = loc;
    this.how[i] = how;
    this.cellIndex[i] = cell;
  }

  private grow(): void {
    const n = this.record.length * 2;
    const copy = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (k: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.record = copy(this.record, (k) => new Int32Array(k));
    this.slot = copy(this.slot, (k) => new Int32Array(k));
    this.thread = copy(this.thread, (k) => new Int32Array(k));
    this.loc = copy(this.loc, (k) => new Int32Array(k));
    this.how = copy(this.how, (k) => new Uint8Array(k));
    this.cellIndex = copy(this.cellIndex, (k) => new Float64Array(k));
  }

  /** Replays every cell's accesses in memory order through `lost` (see the top of this file). */
  finish(lost: LostUpdates, races: RaceGroups, links: { update: LostUpdate; group: NonNullable<ReturnType<RaceGroups['lastGroupBySlot']['get']>> }[]): void {
    const ev = this.model.events;
    const order = this.memoryOrder();
    const pids = this.model.threads.pids;
    let slot = -1;
    let cellWrites = 0;
    let lastWriter = -1;
    let lastWriteRecord = -1;
    let lastWriteLoc = -1;
    for (const i of order) {
      if (this.slot[i] !== slot) {
        slot = this.slot[i];
        cellWrites = 0;
        lastWriter = -1;
      }
      const r = this.record[i];
      const at = r * RECORD_SLOTS;
      const obj = ev[at + Slot.obj];
      const value = ev[at + Slot.b];
      const t = this.thread[i];
      const how = this.how[i];
      if (how === READ || how === READ_WRITE) lost.read(slot, t, cellWrites, value, r, this.loc[i]);
      if (how === READ) continue;
      // An Atomics read-modify-write writes what nobody recorded (its result is the old value):
      // its own read comes just before, so it is never lost, and its step is unknown.
      const written = how === READ_WRITE ? NaN : value;
      const update = lost.write(
        obj, this.cellIndex[i], slot, t, pids[t], cellWrites, written, r, this.loc[i],
        lastWriter, lastWriter >= 0 ? pids[lastWriter] : -1, lastWriteRecord, lastWriteLoc,
      );
      cellWrites++;
      lastWriter = t;
      lastWriteRecord = r;
      lastWriteLoc = this.loc[i];
      const group = update ? races.lastGroupBySlot.get(slot) : undefined;
      if (update && group) links.push({ update, group });
    }
  }

  /** Kept accesses by cell, then granule version, reads of a version before its next write. */
  private memoryOrder(): Uint32Array {
    const ev = this.model.events;
    const n = this.count;
    const key = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = ev[this.record[i] * RECORD_SLOTS + Slot.c];
      key[i] = accessVersion(c) * 2 + (this.how[i] === READ ? 0 : 1);
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const slots = this.slot;
    // Ties (two reads of one version) keep the walk's order.
    return order.sort((x, y) => slots[x] - slots[y] || key[x] - key[y] || x - y);
  }
}
