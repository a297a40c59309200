/**
 * The trace model: who and what a trace is about, gathered in one pass over the records in file
 * order before any analysis runs. Objects (OBJ_CREATE: id → kind, name, size, where made),
 * processes (PROC_START/BEGIN/EXIT: pid → name, parent, exit code, error), the threads that
 * recorded events, and the sizes the analysis needs to lay out its flat tables:
 *
 *   - every Value/Array element gets a "slot": slotBase[obj] + index, so per-location state lives
 *     in typed arrays instead of maps;
 *   - every thread gets a dense number (see thread-ids.ts).
 */
import { BlockReason, EventKind, ObjectKind, RECORD_SLOTS, Slot } from '../shared/events';
import { defaultObjectName, defaultProcessName } from '../shared/names';
import { TraceFormatError, type ParsedTrace, type TraceFooter, type TraceHeader } from '../shared/trace-file';
import { parseLocation, type SourceLocation } from './source-location';
import { ThreadIds } from './thread-ids';
import { MAX_RANGE_CELLS, SharedBufferCells, accessBytes, isSharedAccess } from './shared-buffer-cells';

export interface ObjectInfo {
  id: number;
  /** An ObjectKind, or 0 when the trace never said (its OBJ_CREATE was dropped). */
  kind: number;
  name: string;
  size: number;
  /** String id of where it was made, or -1. */
  loc: number;
  creatorPid: number | null;
}

export interface ProcessInfo {
  pid: number;
  name: string;
  parent: number | null;
  target: string | null;
  started: boolean;
  exited: boolean;
  exitCode: number | null;
  error: string | null;
  /** An ExitCause, or null while running. */
  cause: number | null;
  /** String id of the exit event's location, or -1. */
  exitLoc: number;
  exitRecord: number | null;
  startMs: number | null;
  exitMs: number | null;
}

/** Elements an object may have slots for, one per element, before it gets them per access. */
const DENSE_ELEMENTS = 1 << 16;
const SPARSE = -2;
export const MAX_ANALYZED_THREADS = 8192;
const sparseKey = (obj: number, index: number): number => obj * 2 ** 30 + index;

export class TraceModel {
  readonly header: TraceHeader;
  readonly footer: TraceFooter | null;
  readonly strings: Map<number, string>;
  readonly events: Float64Array;
  readonly recordCount: number;
  readonly objects = new Map<number, ObjectInfo>();
  readonly processes = new Map<number, ProcessInfo>();
  readonly threads = new ThreadIds();
  /** Per object id (0..objectCount-1): ObjectKind or 0. */
  objectKind: Int32Array = new Int32Array(0);
  /** Per object id: first slot of its elements, -1 for objects that are not Value/Array, or
   * SPARSE for an Array whose accessed elements reach past DENSE_ELEMENTS (see sparseSlot). */
  slotBase: Int32Array = new Int32Array(0);
  /** Slots of the elements of SPARSE objects that were accessed, keyed obj * 2^30 + index. */
  readonly sparseSlots = new Map<number, number>();
  objectCount = 0;
  slotCount = 0;
  /** Per record (file order): its time and its dense thread. */
  readonly recordTime: Float64Array;
  readonly recordThread: Int32Array;
  /** Per dense thread: time of its first and last event. */
  threadFirstMs: number[] = [];
  threadLastMs: number[] = [];
  firstMs = Infinity;
  lastMs = -Infinity;
  /** Records of kind CPU (sorted as a group of their own: see sort-events.ts). */
  readonly cpuRecords: number[] = [];
  /** Sum of DROPPED records. */
  droppedInTrace = 0;
  /** The cells of plain programs' shared buffers (see shared-buffer-cells.ts). */
  readonly cells = new SharedBufferCells();
  private readonly locationCache = new Map<number, SourceLocation | null>();
  private readonly lineIds = new Map<number, number>();
  private readonly lineIdByText = new Map<string, number>();

  constructor(trace: ParsedTrace) {
    this.header = trace.header;
    this.footer = trace.footer;
    this.strings = trace.strings;
    this.events = trace.events;
    this.recordCount = Math.floor(trace.events.length / RECORD_SLOTS);
    this.recordTime = new Float64Array(this.recordCount);
    this.recordThread = new Int32Array(this.recordCount);
    this.scan();
    // Vector clocks are a T×T matrix, and joins walk rows of it: past this many threads the
    // analysis would need gigabytes. No run comes near (the 1,000-worker test has 1,001).
    if (this.threads.count > MAX_ANALYZED_THREADS) {
      throw new TraceFormatError(`the trace names ${this.threads.count} threads; the analysis handles at most ${MAX_ANALYZED_THREADS}`);
    }
  }

  private scan(): void {
    const ev = this.events;
    let maxIndex: Float64Array = new Float64Array(64).fill(-1);
    let maxObj = -1;
    const noteObj = (obj: number): void => {
      if (obj > maxObj && obj < 1e8 && (obj | 0) === obj) maxObj = obj;
    };
    for (let r = 0; r < this.recordCount; r++) {
      const at = r * RECORD_SLOTS;
      const time = ev[at + Slot.time];
      const kind = ev[at + Slot.kind];
      const pid = ev[at + Slot.thread];
      const obj = ev[at + Slot.obj];
      const d = this.threads.add(pid);
      this.recordTime[r] = time;
      this.recordThread[r] = d;
      if (d === this.threadFirstMs.length) { this.threadFirstMs.push(time); this.threadLastMs.push(time); } else {
        if (time < this.threadFirstMs[d]) this.threadFirstMs[d] = time;
        if (time > this.threadLastMs[d]) this.threadLastMs[d] = time;
      }
      if (time < this.firstMs) this.firstMs = time;
      if (time > this.lastMs) this.lastMs = time;
      switch (kind) {
        case EventKind.READ:
        case EventKind.WRITE: {
          noteObj(obj);
          if (obj >= 0 && obj < 1e8) {
            if (obj >= maxIndex.length) maxIndex = growFilled(maxIndex, obj + 1, -1);
            const index = ev[at + Slot.a];
            if (index > maxIndex[obj]) maxIndex[obj] = index;
          }
          break;
        }
        case EventKind.OBJ_CREATE: {
          noteObj(obj);
          this.objects.set(obj, {
            id: obj,
            kind: ev[at + Slot.a],
            name: this.strings.get(ev[at + Slot.b]) ?? '',
            size: ev[at + Slot.c],
            loc: ev[at + Slot.loc],
            creatorPid: pid,
          });
          break;
        }
        case EventKind.PROC_START: {
          const p = this.process(obj);
          p.started = true;
          p.parent = pid;
          p.startMs = time;
          const name = this.strings.get(ev[at + Slot.a]);
          if (name) p.name = name;
          p.target = this.strings.get(ev[at + Slot.b]) ?? null;
          this.threads.add(obj);
          break;
        }
        case EventKind.PROC_BEGIN: {
          const p = this.process(obj);
          if (p.parent === null && ev[at + Slot.a] >= 0 && obj !== ev[at + Slot.a]) p.parent = ev[at + Slot.a];
          if (p.startMs === null) p.startMs = time;
          this.threads.add(obj);
          break;
        }
        case EventKind.PROC_EXIT: {
          const p = this.process(obj);
          p.exited = true;
          p.exitCode = ev[at + Slot.a];
          const error = ev[at + Slot.b];
          // -1 is "no error"; the supervisor's own strings have negative ids.
          p.error = error !== -1 ? (this.strings.get(error) ?? 'unknown error') : null;
          p.cause = ev[at + Slot.c];
          p.exitLoc = ev[at + Slot.loc];
          p.exitRecord = r;
          p.exitMs = time;
          this.threads.add(obj);
          break;
        }
        case EventKind.CPU:
          this.cpuRecords.push(r);
          this.threads.add(obj);
          break;
        case EventKind.PROC_JOINED:
        case EventKind.PROC_TERMINATE:
        case EventKind.WORKER_ERROR:
          this.threads.add(obj);
          break;
        case EventKind.SHM_READ:
        case EventKind.SHM_WRITE:
        case EventKind.ATOMIC:
        case EventKind.ATOMIC_NOTIFY:
        case EventKind.SHM_RANGE_READ:
        case EventKind.SHM_RANGE_WRITE:
          noteObj(obj);
          if (obj >= 0 && obj < 1e8) this.cells.note(kind, obj, ev[at + Slot.a], ev[at + Slot.b], ev[at + Slot.c]);
          break;
        case EventKind.BLOCK:
        case EventKind.UNBLOCK:
          if (ev[at + Slot.a] !== BlockReason.JOIN) noteObj(obj);
          break;
        case EventKind.DROPPED:
          this.droppedInTrace += ev[at + Slot.a];
          break;
        case EventKind.MARK:
        case EventKind.SPAN_BEGIN:
        case EventKind.SPAN_END:
        case EventKind.SLEEP:
        case EventKind.STRING:
          break;
        default:
          noteObj(obj);
      }
    }
    for (const pid of this.threads.pids) if (pid >= 0 && (pid | 0) === pid) this.process(pid);
    for (const p of this.footer?.processes ?? []) {
      const known = this.process(p.id);
      if (p.name) known.name = p.name;
      if (known.exitCode === null) known.exitCode = p.exitCode;
      if (known.error === null) known.error = p.error;
    }
    this.layOutObjects(maxObj, maxIndex);
    // Threads named only as objects (a started child that never ran) have no event times.
    while (this.threadFirstMs.length < this.threads.count) {
      this.threadFirstMs.push(Infinity);
      this.threadLastMs.push(-Infinity);
    }
  }

  /**
   * Per-element state lives in flat tables of slotCount slots. An object gets one slot per element
   * up to the highest it accessed (not its declared size: a 100-million-element Array touched at
   * ten indices needs ten slots, not gigabytes of shadow state); an object accessed beyond
   * DENSE_ELEMENTS, or past the budget, gets slots only for the elements it accessed (SPARSE).
   */
  private layOutObjects(maxObj: number, maxIndex: Float64Array): void {
    for (const id of this.objects.keys()) if (id > maxObj && id < 1e8) maxObj = id;
    this.objectCount = maxObj + 1;
    this.objectKind = new Int32Array(this.objectCount);
    this.slotBase = new Int32Array(this.objectCount).fill(-1);
    let slots = 0;
    let sparse = false;
    const denseBudget = Math.max(1 << 20, 8 * this.recordCount);
    for (let obj = 0; obj < this.objectCount; obj++) {
      const info = this.objects.get(obj);
      const kind = info?.kind ?? 0;
      this.objectKind[obj] = kind;
      const accessed = kind === ObjectKind.SHARED_BUFFER || this.cells.cellCount(obj) > 0
        ? this.cells.cellCount(obj)
        : obj < maxIndex.length ? Math.floor(maxIndex[obj]) + 1 : 0;
      const isData = kind === ObjectKind.VALUE || kind === ObjectKind.ARRAY || accessed > 0;
      if (!isData) continue;
      // Dense while the tables stay within a bound proportional to the trace (a hostile file of
      // a million objects each touched at element 65,535 must not ask for 2^36 slots).
      if (accessed > DENSE_ELEMENTS || slots + accessed > denseBudget) {
        this.slotBase[obj] = SPARSE;
        sparse = true;
        continue;
      }
      this.slotBase[obj] = slots;
      slots += Math.max(accessed, 1);
    }
    if (sparse) {
      const ev = this.events;
      for (let at = 0; at < ev.length; at += RECORD_SLOTS) {
        const kind = ev[at + Slot.kind];
        const shared = isSharedAccess(kind) && kind !== EventKind.ATOMIC_NOTIFY;
        if (kind !== EventKind.READ && kind !== EventKind.WRITE && !shared) continue;
        const obj = ev[at + Slot.obj];
        if (!(obj >= 0 && obj < this.objectCount) || this.slotBase[obj] !== SPARSE) continue;
        if (!shared) {
          const key = sparseKey(obj, ev[at + Slot.a]);
          if (!this.sparseSlots.has(key)) this.sparseSlots.set(key, slots++);
          continue;
        }
        const { first, count } = this.cellsOf(obj, ev[at + Slot.a], accessBytes(kind, ev[at + Slot.b], ev[at + Slot.c]));
        for (let cell = first; cell < first + count; cell++) {
          const key = sparseKey(obj, cell);
          if (!this.sparseSlots.has(key)) this.sparseSlots.set(key, slots++);
        }
      }
    }
    this.slotCount = slots;
  }

  /** The cells a shared-buffer access of `bytes` bytes at `address` covers (at most MAX_RANGE_CELLS). */
  cellsOf(obj: number, address: number, bytes: number): { first: number; count: number } {
    const size = this.cells.cellSize(obj);
    const first = Math.floor(address / size);
    const count = Math.min(MAX_RANGE_CELLS, Math.max(0, Math.ceil((address + bytes) / size) - first));
    return { first, count };
  }

  /** The slot of element `index` of `obj`, or -1 when it has none. */
  slotOf(obj: number, index: number): number {
    if (obj < 0 || obj >= this.objectCount || index < 0 || !Number.isInteger(index)) return -1;
    const base = this.slotBase[obj];
    if (base === SPARSE) return this.sparseSlots.get(sparseKey(obj, index)) ?? -1;
    return base < 0 ? -1 : base + index;
  }

  private process(pid: number): ProcessInfo {
    let p = this.processes.get(pid);
    if (!p) {
      p = {
        pid,
        name: defaultProcessName(pid),
        parent: null,
        target: null,
        started: false,
        exited: false,
        exitCode: null,
        error: null,
        cause: null,
        exitLoc: -1,
        exitRecord: null,
        startMs: null,
        exitMs: null,
      };
      this.processes.set(pid, p);
    }
    return p;
  }

  processName(pid: number): string {
    return this.processes.get(pid)?.name ?? defaultProcessName(pid);
  }

  processNameOfThread(dense: number): string {
    return this.processName(this.threads.pids[dense]);
  }

  objectName(id: number): string {
    const info = this.objects.get(id);
    if (info && info.name) return info.name;
    const kind = info?.kind ?? (id >= 0 && id < this.objectCount ? this.objectKind[id] : 0);
    return defaultObjectName(id, kind);
  }

  /** Each record's sort group (its thread, or one group for all CPU records), and the count. */
  sortGroups(): { groupOf: Int32Array; groups: number } {
    const groups = this.threads.count;
    if (this.cpuRecords.length === 0) return { groupOf: this.recordThread, groups };
    const groupOf = this.recordThread.slice();
    for (const r of this.cpuRecords) groupOf[r] = groups;
    return { groupOf, groups: groups + 1 };
  }

  /** The { file, line } of a location string id, or null. */
  location(loc: number): SourceLocation | null {
    if (loc === -1) return null;
    let cached = this.locationCache.get(loc);
    if (cached === undefined) {
      const text = this.strings.get(loc);
      cached = text === undefined ? null : parseLocation(text);
      this.locationCache.set(loc, cached);
    }
    return cached;
  }

  /**
   * One location id per source line: two calls on one line ("x.value += 1" reads at one column
   * and writes at another) map to the same id, so findings group by line, as users read them.
   */
  lineId(loc: number): number {
    if (loc === -1) return -1;
    let id = this.lineIds.get(loc);
    if (id === undefined) {
      const where = this.location(loc);
      const key = where ? `${where.file}\n${where.line}` : `#${loc}`;
      id = this.lineIdByText.get(key);
      if (id === undefined) { id = loc; this.lineIdByText.set(key, loc); }
      this.lineIds.set(loc, id);
    }
    return id;
  }

  /** The dense thread of `pid`, or -1. */
  thread(pid: number): number {
    return this.threads.dense(pid);
  }
}

function growFilled(array: Float64Array, atLeast: number, fill: number): Float64Array {
  const next = new Float64Array(Math.max(atLeast, array.length * 2)).fill(fill);
  next.set(array);
  return next;
}
