/**
 * The timeline's model of a trace: lanes of spans and points, flows, and the local lost-update
 * findings, built incrementally. `ingest()` takes a chunk of events (a whole file or one live
 * batch) and returns the time range it changed, so the view redraws only that part.
 *
 * Ordering: within one thread, events arrive in time order (each thread's ring is drained in
 * order); across threads they do not, so pairings that join two threads (lock release→acquire,
 * queue put→get, pool submit→run) wait in maps for whichever end comes second.
 */
import { AtomicOp, BlockReason, EventKind, ObjectKind, RECORD_SLOTS, accessOp, accessVersion } from '../../src/shared/events';
import { defaultObjectName, defaultProcessName } from '../../src/shared/names';
import { parseTrace, type TraceFooter, type TraceHeader } from '../../src/shared/trace-file';
import { EventStore } from './event-store';
import { CoreTracker } from './core-tracker';
import { FlowPairing } from './flow-pairing';
import { FlowKind, FlowStore } from './flows';
import { LostUpdateDetector } from './lost-updates';
import {
  type CoreLane, type Lane, type LockLane, type MemoryLane, type WorkerLane,
  closeMark, endWait, laneOf, newLockLane, newMemoryLane, newWorkerLane, setState,
} from './lanes';
import { Point, State, stateOfBlock } from './states';

export interface ObjectInfo {
  id: number;
  kind: number;
  nameId: number;
  loc: number;
  ref: number;
}

export interface Dirty {
  from: number;
  to: number;
  /** Lanes were added: the layout must be recomputed. */
  lanesChanged: boolean;
}

const R_ACQUIRED = 'R'.charCodeAt(0);

/**
 * Times a timeline can draw: milliseconds since the run began, within about 30 years either way.
 * Beyond that, spans and scales overflow (1e308 - -1e308 is Infinity) and the axis gets NaN.
 */
export const MAX_TIME_MS = 1e12;
export function usableTime(t: number): boolean {
  return t >= -MAX_TIME_MS && t <= MAX_TIME_MS;
}

export class TraceModel {
  readonly store = new EventStore();
  readonly strings = new Map<number, string>();
  readonly objects = new Map<number, ObjectInfo>();
  readonly workers = new Map<number, WorkerLane>();
  readonly locks = new Map<number, LockLane>();
  readonly memory = new Map<number, MemoryLane>();
  readonly cores = new Map<number, CoreLane>();
  readonly flows = new FlowStore();
  readonly lost = new LostUpdateDetector();
  header: TraceHeader | null = null;
  footer: TraceFooter | null = null;
  title = '';
  startTime = Infinity;
  endTime = -Infinity;
  /** The first event of any worker but main: where the workers' activity starts (model/first-view.ts). */
  activityStart = Infinity;
  /** Events per kind, for statistics (index = EventKind). */
  readonly kindCounts = new Float64Array(256);
  /** Worker lanes by pid, for the per-event lookup (a Map lookup per event shows in profiles). */
  private byPid: (WorkerLane | undefined)[] = [];

  /** Pairings waiting for their other end (release→acquire, put→get, send→receive, …). */
  private readonly pairs = new FlowPairing(this.store, this.flows);
  /** Core lanes from the CPU samples. */
  private readonly cpu = new CoreTracker(this.cores, this.flows);

  get eventCount(): number {
    return this.store.count;
  }

  name(id: number): string | undefined {
    return id >= 0 ? this.strings.get(id) : undefined;
  }

  processName(pid: number): string {
    const lane = this.workers.get(pid);
    const fromFooter = this.footer?.processes.find((p) => p.id === pid)?.name;
    return (lane && this.name(lane.nameId)) ?? fromFooter ?? (lane?.fallbackName ?? defaultProcessName(pid));
  }

  objectName(obj: number): string {
    const info = this.objects.get(obj);
    // (the analysis' names: findings are matched to lanes by them)
    return (info && this.name(info.nameId)) ?? defaultObjectName(obj, info?.kind);
  }

  /** Every lane, by kind (workers, locks, memory, cores), in the order each kind met them. */
  lanes(): Lane[] {
    return [...this.workers.values(), ...this.locks.values(), ...this.memory.values(), ...this.cores.values()];
  }

  addStrings(strings: Iterable<[number, string]>): void {
    for (const [id, text] of strings) this.strings.set(id, text);
  }

  /** Adds events; returns the changed time range. */
  ingest(events: Float64Array): Dirty {
    const first = this.store.append(events);
    const lanesBefore = this.laneCount();
    let from = Infinity;
    let to = -Infinity;
    const n = events.length / RECORD_SLOTS;
    for (let i = 0, o = 0; i < n; i++, o += RECORD_SLOTS) {
      const t = events[o];
      // A record without a usable time (NaN, ±Infinity, ±1e308: a corrupt file or message) keeps
      // its place in the store, so record indices stay file order, but is not drawn.
      if (!usableTime(t)) continue;
      if (t < from) from = t;
      if (t > to) to = t;
      const touched = this.one(events, o, first + i);
      if (touched < from) from = touched;
    }
    if (from < this.startTime) this.startTime = from;
    if (to > this.endTime) this.endTime = to;
    return { from, to, lanesChanged: this.laneCount() !== lanesBefore };
  }

  setFooter(footer: TraceFooter): void {
    this.footer = footer;
  }

  private laneCount(): number {
    return this.workers.size + this.locks.size + this.memory.size + this.cores.size;
  }

  worker(pid: number): WorkerLane {
    let lane = pid >= 0 && pid < 65536 ? this.byPid[pid] : this.workers.get(pid);
    if (!lane) {
      lane = this.workers.get(pid);
      if (!lane) {
        lane = newWorkerLane(pid);
        this.workers.set(pid, lane);
      }
      if (pid >= 0 && pid < 65536) this.byPid[pid] = lane;
    }
    return lane;
  }

  private lock(obj: number): LockLane {
    return laneOf(this.locks, obj, newLockLane);
  }

  private mem(obj: number): MemoryLane {
    return laneOf(this.memory, obj, newMemoryLane);
  }

  private closeLane(w: WorkerLane, t: number): void {
    if (w.open && t > w.open.start) w.spans.push(w.open.start, t, w.open.state, w.open.ref);
    w.open = null;
    for (const m of w.openMarks) w.marks.push(m.start, t, m.state, m.ref);
    w.openMarks = [];
    this.cpu.off(w.pid, t);
  }

  private begin(w: WorkerLane, t: number, ref: number): void {
    if (w.began) return;
    w.began = true;
    setState(w, t, State.RUNNING, ref);
  }

  /** Handles one event; returns the earliest time whose drawing it changed (besides its own). */
  private one(ev: Float64Array, o: number, ref: number): number {
    const t = ev[o];
    const kind = ev[o + 1];
    const pid = ev[o + 2];
    const obj = ev[o + 3];
    const a = ev[o + 4];
    const b = ev[o + 5];
    if (kind >= 0 && kind < 256) this.kindCounts[kind]++;
    let touched = t;
    if (kind === EventKind.OBJ_CREATE) {
      this.objects.set(obj, { id: obj, kind: a, nameId: b, loc: ev[o + 7], ref });
      return touched;
    }
    if (kind === EventKind.CPU) {
      this.cpu.sample(obj >= 0 ? obj : pid, t, a, b === R_ACQUIRED || b === 0);
      return touched;
    }
    if (kind === EventKind.PROC_EXIT) {
      const w = this.worker(obj >= 0 ? obj : pid);
      w.exited = true;
      w.exitRef = ref;
      w.points.push(t, ev[o + 5] >= 0 || a !== 0 ? Point.ERROR : Point.LIFECYCLE, ref);
      this.closeLane(w, t);
      return touched;
    }
    if (kind === EventKind.PROC_START) {
      const child = this.worker(obj);
      child.nameId = a;
    }
    const w = this.worker(pid);
    if (kind === EventKind.STRING || kind === EventKind.DROPPED) return touched;
    if (pid !== 0 && t < this.activityStart) this.activityStart = t;
    if (!w.began && !w.exited) this.begin(w, t, ref);
    switch (kind) {
      case EventKind.PROC_START:
      case EventKind.PROC_BEGIN:
      case EventKind.PROC_JOINED:
      case EventKind.PROC_TERMINATE:
        w.points.push(t, Point.LIFECYCLE, ref);
        break;
      case EventKind.BLOCK:
        // An Atomics.waitAsync leaves its thread running: a bracket on the lane, not a state.
        if (a === BlockReason.ATOMICS_WAIT_ASYNC) { w.openMarks.push({ start: t, state: State.WAITING, ref }); break; }
        setState(w, t, stateOfBlock(a), ref);
        this.cpu.off(pid, t);
        break;
      case EventKind.UNBLOCK:
        if (a === BlockReason.ATOMICS_WAIT_ASYNC) { closeMark(w, t, State.WAITING); break; }
        setState(w, t, State.RUNNING, ref);
        this.cpu.on(pid, t);
        break;
      case EventKind.SHM_READ:
      case EventKind.SHM_WRITE:
      case EventKind.SHM_RANGE_READ:
      case EventKind.SHM_RANGE_WRITE: {
        // A plain program's shared buffer: its lane shows every access. (Lost updates come with
        // the analysis: the versions here are per 8-byte granule, not per element.)
        const isWrite = kind === EventKind.SHM_WRITE || kind === EventKind.SHM_RANGE_WRITE;
        this.mem(obj).points.push(t, isWrite ? Point.WRITE : Point.READ, ref);
        w.points.push(t, isWrite ? Point.WRITE : Point.READ, ref);
        break;
      }
      case EventKind.ATOMIC:
        this.mem(obj).points.push(t, Point.SYNC, ref);
        w.points.push(t, Point.SYNC, ref);
        if (accessOp(ev[o + 6]) === AtomicOp.WOKEN) touched = Math.min(touched, this.pairs.pairAt(this.pairs.notifies, this.pairs.wakes, obj, a, accessVersion(ev[o + 6]), ref, false));
        break;
      case EventKind.ATOMIC_NOTIFY:
        this.mem(obj).points.push(t, Point.SYNC, ref);
        w.points.push(t, Point.SYNC, ref);
        touched = Math.min(touched, this.pairs.pairAt(this.pairs.notifies, this.pairs.wakes, obj, a, accessVersion(ev[o + 6]) + 1, ref, true));
        break;
      case EventKind.MSG_SEND: {
        w.points.push(t, Point.QUEUE_PUT, ref);
        if (this.objects.get(obj)?.kind === ObjectKind.BROADCAST_CHANNEL) {
          this.pairs.sends.set(obj, a, ref);
          for (let get = this.pairs.receipts.take(obj, a); get !== undefined; get = this.pairs.receipts.take(obj, a)) touched = Math.min(touched, this.pairs.flow(ref, get, FlowKind.QUEUE, a));
        } else {
          touched = Math.min(touched, this.pairs.pair(this.pairs.sends, this.pairs.receipts, obj, a, ref, true, FlowKind.QUEUE, a));
        }
        break;
      }
      case EventKind.MSG_RECV: {
        w.points.push(t, Point.QUEUE_GET, ref);
        if (this.objects.get(obj)?.kind === ObjectKind.BROADCAST_CHANNEL) {
          const send = this.pairs.sends.peek(obj, a);
          if (send !== undefined) touched = Math.min(touched, this.pairs.flow(send, ref, FlowKind.QUEUE, a));
          else this.pairs.receipts.add(obj, a, ref);
        } else {
          touched = Math.min(touched, this.pairs.pair(this.pairs.sends, this.pairs.receipts, obj, a, ref, false, FlowKind.QUEUE, a));
        }
        break;
      }
      case EventKind.WORKER_ERROR:
        // A Worker's 'error' event, on the lane of the thread it was delivered to (handled or not).
        w.points.push(t, Point.ERROR, ref);
        break;
      case EventKind.LOCK_REQUEST: {
        const l = this.lock(obj);
        l.openWaits.set(pid, { start: t, state: State.LOCK_WAIT, ref });
        w.points.push(t, Point.LOCK, ref);
        break;
      }
      case EventKind.LOCK_FAILED: {
        const l = this.lock(obj);
        endWait(l, pid, t);
        w.points.push(t, Point.LOCK, ref);
        break;
      }
      case EventKind.LOCK_ACQUIRED: {
        const l = this.lock(obj);
        l.acquisitions++;
        endWait(l, pid, t);
        l.openHolds.set(a, { start: t, state: State.HOLDING, ref });
        w.points.push(t, Point.LOCK, ref);
        if (b === 1) {
          const rel = this.pairs.releases.take(obj, a - 1);
          if (rel !== undefined) touched = Math.min(touched, this.pairs.flow(rel, ref, FlowKind.LOCK, a));
          else this.pairs.waitedAcquires.set(obj, a, ref);
        }
        break;
      }
      case EventKind.LOCK_RELEASED: {
        const l = this.lock(obj);
        const hold = l.openHolds.get(a);
        const contended = b === 1;
        if (hold) {
          l.openHolds.delete(a);
          l.holds.push(hold.start, t, contended ? State.CONTENDED : State.HOLDING, hold.ref);
          l.holdMs += t - hold.start;
          if (contended) touched = Math.min(touched, hold.start);
        }
        if (contended) {
          l.contended++;
          const next = this.pairs.waitedAcquires.take(obj, a + 1);
          if (next !== undefined) touched = Math.min(touched, this.pairs.flow(ref, next, FlowKind.LOCK, a + 1));
          else this.pairs.releases.set(obj, a, ref);
        }
        w.points.push(t, Point.LOCK, ref);
        break;
      }
      case EventKind.READ:
      case EventKind.WRITE: {
        const isWrite = kind === EventKind.WRITE;
        this.mem(obj).points.push(t, isWrite ? Point.WRITE : Point.READ, ref);
        w.points.push(t, isWrite ? Point.WRITE : Point.READ, ref);
        const lost = isWrite ? this.lost.write(pid, obj, a, ev[o + 6], ref, t) : this.lost.read(pid, obj, a, ev[o + 6], ref, t);
        if (lost > 0) {
          this.mem(obj).lostUpdates += lost;
          touched = Math.min(touched, this.lost.lastReadTime);
        }
        break;
      }
      case EventKind.QUEUE_PUT: {
        w.points.push(t, Point.QUEUE_PUT, ref);
        const get = this.pairs.gets.take(obj, a);
        if (get !== undefined) touched = Math.min(touched, this.pairs.flow(ref, get, FlowKind.QUEUE, a));
        else this.pairs.puts.set(obj, a, ref);
        break;
      }
      case EventKind.QUEUE_GET: {
        w.points.push(t, Point.QUEUE_GET, ref);
        const put = this.pairs.puts.take(obj, a);
        if (put !== undefined) touched = Math.min(touched, this.pairs.flow(put, ref, FlowKind.QUEUE, a));
        else this.pairs.gets.set(obj, a, ref);
        break;
      }
      case EventKind.TASK_SUBMIT:
        w.points.push(t, Point.TASK, ref);
        touched = Math.min(touched, this.pairs.pair(this.pairs.submits, this.pairs.starts, obj, a, ref, true, FlowKind.TASK_SUBMIT, a));
        break;
      case EventKind.TASK_START:
        w.points.push(t, Point.TASK, ref);
        w.openMarks.push({ start: t, state: State.TASK, ref });
        touched = Math.min(touched, this.pairs.pair(this.pairs.submits, this.pairs.starts, obj, a, ref, false, FlowKind.TASK_SUBMIT, a));
        break;
      case EventKind.TASK_END: {
        w.points.push(t, Point.TASK, ref);
        closeMark(w, t, State.TASK);
        touched = Math.min(touched, this.pairs.pair(this.pairs.ends, this.pairs.results, obj, a, ref, true, FlowKind.TASK_RESULT, a));
        break;
      }
      case EventKind.TASK_RESULT:
        w.points.push(t, Point.TASK, ref);
        touched = Math.min(touched, this.pairs.pair(this.pairs.ends, this.pairs.results, obj, a, ref, false, FlowKind.TASK_RESULT, a));
        break;
      case EventKind.MARK:
        w.points.push(t, Point.MARK, ref);
        break;
      case EventKind.SPAN_BEGIN:
        w.openMarks.push({ start: t, state: State.USER_SPAN, ref });
        break;
      case EventKind.SPAN_END:
        closeMark(w, t, State.USER_SPAN);
        break;
      case EventKind.SLEEP:
        setState(w, t, State.SLEEPING, ref);
        break;
      default:
        w.points.push(t, Point.SYNC, ref);
    }
    return touched;
  }

  /** Open CPU intervals (drawn to the end of the trace): [pid, cpu, start]. */
  openCpu(): [number, number, number][] {
    return this.cpu.open(this.workers);
  }

  isLockKind(obj: number): boolean {
    const k = this.objects.get(obj)?.kind;
    return k === undefined || k === ObjectKind.LOCK || k === ObjectKind.RLOCK || k === ObjectKind.SEMAPHORE || k === ObjectKind.BOUNDED_SEMAPHORE || k === ObjectKind.CONDITION;
  }
}

/** A whole trace file as a model (throws the parser's TraceFormatError on a file it cannot read). */
export function modelOfTrace(bytes: Uint8Array, title: string): { model: TraceModel; truncated: boolean } {
  const parsed = parseTrace(bytes);
  const model = new TraceModel();
  model.title = title;
  model.header = parsed.header;
  model.addStrings(parsed.strings);
  if (parsed.footer) model.setFooter(parsed.footer);
  model.ingest(parsed.events);
  return { model, truncated: parsed.truncated };
}
