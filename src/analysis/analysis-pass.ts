/**
 * The one walk over the events: each record, in causal order, goes to every detector and counter
 * that cares about its kind. Everything here is per-event work; turning the results into findings
 * and statistics happens afterwards (findings-*.ts, analyze.ts).
 */
import { BlockReason, EventKind, ExitCause, ObjectKind, RECORD_SLOTS, Slot } from '../shared/events';
import { HappensBefore } from './happens-before';
import { HeldLocks, type Holding } from './held-locks';
import { LocationFill, callOf } from './location-fill';
import { LockOrderGraph } from './lock-order';
import { LockStats } from './lock-stats';
import { LostUpdates } from './lost-updates';
import { QueueFlows } from './queue-flows';
import { RaceGroups, type RaceGroup } from './race-groups';
import type { LostUpdate } from './report';
import { ShadowMemory } from './shadow-memory';
import { SharedBufferPass } from './shared-buffer-pass';
import type { TraceModel } from './trace-model';
import { TaskFlows } from './task-flows';
import { Wakeups } from './wakeups';
import { WorkerTimes } from './worker-time';
import type { CausalVisitor } from './causal-walk';

/** The last wait a thread started. */
export interface LastBlock {
  obj: number;
  reason: number;
  timed: boolean;
  loc: number;
  record: number;
  /** For an Atomics.wait: the byte address waited on (BLOCK's c). */
  detail: number;
}

export interface AbandonedHolding extends Holding {
  thread: number;
  exitRecord: number;
}

export class AnalysisPass implements CausalVisitor {
  readonly hb: HappensBefore;
  readonly shadow: ShadowMemory;
  readonly races: RaceGroups;
  readonly lostUpdates: LostUpdates;
  readonly held: HeldLocks;
  readonly lockOrder = new LockOrderGraph();
  readonly lockStats: LockStats;
  readonly queues: QueueFlows;
  readonly workers: WorkerTimes;
  readonly wakeups: Wakeups;
  readonly tasks: TaskFlows;
  readonly lastBlock: (LastBlock | null)[];
  readonly blockedNow: Uint8Array;
  /** Per dense thread: whether its last wait ended unsatisfied (timed out, or stopped). */
  readonly lastWaitFailed: Uint8Array;
  /** Per dense thread: its exit cause, or -1 while it has not exited. */
  readonly exitCause: Int8Array;
  readonly exited: Uint8Array;
  /** Per dense thread: the last source location it used (for timeout findings). */
  readonly lastLoc: Int32Array;
  readonly abandoned: AbandonedHolding[] = [];
  /** Lost updates and the race group each links to, resolved to finding indices later. */
  readonly raceLinks: { update: LostUpdate; group: RaceGroup }[] = [];
  /** Plain programs' shared buffers (reads, writes, Atomics). */
  readonly sharedBuffers: SharedBufferPass;
  /** Pids whose 'error' event the program listened for (WORKER_ERROR a = 1): not a failure. */
  readonly handledErrors = new Set<number>();
  /** Pid → the pid of the parent its unhandled 'error' event was rethrown in (WORKER_ERROR a = 0). */
  readonly unhandledErrors = new Map<number, number>();

  private readonly events: Float64Array;
  private readonly recordThread: Int32Array;
  private readonly locations: LocationFill;
  private readonly pids: number[];
  private accessObj = 0;
  private accessIndex = 0;

  constructor(private readonly model: TraceModel) {
    const T = model.threads.count;
    this.events = model.events;
    this.recordThread = model.recordThread;
    this.pids = model.threads.pids;
    this.hb = new HappensBefore({
      threads: T,
      objectCount: model.objectCount,
      objectKind: model.objectKind,
      parties: (obj) => (model.objectKind[obj] === ObjectKind.BARRIER ? model.objects.get(obj)?.size ?? 0 : 0),
      wasStarted: (pid) => model.processes.get(pid)?.started === true,
      hasExit: (pid) => model.processes.get(pid)?.exited === true,
      thread: (pid) => model.threads.dense(pid),
      hasAtomics: (obj) => model.cells.withAtomics.has(obj),
    });
    this.races = new RaceGroups((loc) => model.lineId(loc));
    this.shadow = new ShadowMemory(model.slotCount, this.hb, (slot, pt, pr, pl, pw, ct, cr, cl, cw) => {
      this.races.add(this.accessObj, this.accessIndex, slot, pt, pr, pl, pw, ct, cr, cl, cw);
    });
    this.lostUpdates = new LostUpdates(model.slotCount, T);
    this.sharedBuffers = new SharedBufferPass(model, this.hb, this.shadow, (obj, cell) => {
      this.accessObj = obj;
      this.accessIndex = cell;
    });
    this.held = new HeldLocks(T, model.objectCount);
    this.lockStats = new LockStats(T);
    this.queues = new QueueFlows(model.events, (obj) => model.objectName(obj), (obj) => model.objectKind[obj] === ObjectKind.BROADCAST_CHANNEL);
    this.workers = new WorkerTimes(T, model.threadFirstMs);
    this.wakeups = new Wakeups(model);
    this.tasks = new TaskFlows(model);
    this.lastBlock = new Array<LastBlock | null>(T).fill(null);
    this.blockedNow = new Uint8Array(T);
    this.exited = new Uint8Array(T);
    this.lastWaitFailed = new Uint8Array(T);
    this.exitCause = new Int8Array(T).fill(-1);
    this.lastLoc = new Int32Array(T).fill(-1);
    this.locations = new LocationFill(T, model.objectCount);
  }

  ready(r: number): boolean {
    const at = r * RECORD_SLOTS;
    const ev = this.events;
    return this.hb.isReady(ev[at + Slot.kind], ev[at + Slot.obj], ev[at + Slot.a], ev[at + Slot.b], ev[at + Slot.c]);
  }

  visit(r: number): boolean {
    const ev = this.events;
    const at = r * RECORD_SLOTS;
    const kind = ev[at + Slot.kind] | 0;
    const pid = ev[at + Slot.thread];
    const t = this.recordThread[r];
    const obj = ev[at + Slot.obj];
    const a = ev[at + Slot.a];
    let loc = ev[at + Slot.loc];
    loc = this.locations.fill(t, obj, callOf(kind, a), loc);
    if (loc >= 0) this.lastLoc[t] = loc;
    if (kind !== EventKind.READ && kind !== EventKind.WRITE) this.visitSync(t, r, kind, pid, obj, a, ev[at + Slot.b]);

    switch (kind) {
      case EventKind.SHM_READ:
      case EventKind.SHM_WRITE:
      case EventKind.SHM_RANGE_READ:
      case EventKind.SHM_RANGE_WRITE:
      case EventKind.ATOMIC:
      case EventKind.ATOMIC_NOTIFY:
        return this.sharedBuffers.visit(t, r, kind, obj, a, ev[at + Slot.b], ev[at + Slot.c], loc);
      case EventKind.WORKER_ERROR:
        if (a === 1) this.handledErrors.add(obj);
        else this.unhandledErrors.set(obj, pid);
        return false;
      case EventKind.READ: {
        const slot = this.slotOf(obj, a);
        if (slot < 0) return false;
        this.accessObj = obj;
        this.accessIndex = a;
        this.shadow.read(slot, t, r, loc);
        this.lostUpdates.read(slot, t, ev[at + Slot.c], ev[at + Slot.b], r, loc);
        return false;
      }
      case EventKind.WRITE: {
        const slot = this.slotOf(obj, a);
        if (slot < 0) return false;
        this.accessObj = obj;
        this.accessIndex = a;
        const lastWriter = this.shadow.lastWriteThread(slot);
        const update = this.lostUpdates.write(
          obj, a, slot, t, pid, ev[at + Slot.c], ev[at + Slot.b], r, loc,
          lastWriter, lastWriter >= 0 ? this.pids[lastWriter] : -1,
          this.shadow.lastWriteRecord(slot), this.shadow.lastWriteLoc(slot),
        );
        this.shadow.write(slot, t, r, loc);
        if (update) {
          const group = this.races.lastRecord === r ? this.races.lastGroup : this.races.lastGroupBySlot.get(slot);
          if (group) this.raceLinks.push({ update, group });
        }
        return false;
      }
      case EventKind.LOCK_REQUEST:
        this.lockStats.requested(t, obj, ev[at + Slot.time]);
        return false;
      case EventKind.LOCK_ACQUIRED: {
        this.hb.apply(t, kind, obj, a, ev[at + Slot.b]);
        const time = ev[at + Slot.time];
        this.lockStats.acquired(t, obj, ev[at + Slot.b] === 1, time);
        if (this.isMutex(obj)) {
          this.lockOrder.acquired(t, obj, loc, r, this.held.byThread[t]);
          this.held.acquired(t, obj, loc, r, time);
        }
        return false;
      }
      case EventKind.LOCK_RELEASED:
        this.lockStats.released(t, obj, ev[at + Slot.time]);
        if (this.isMutex(obj)) this.held.released(obj);
        return this.hb.apply(t, kind, obj, a, ev[at + Slot.b]);
      case EventKind.LOCK_FAILED:
        this.lockStats.failed(t, obj, ev[at + Slot.time]);
        return false;
      // A plain program's message is a queue item: posted (put), delivered (get).
      case EventKind.QUEUE_PUT:
      case EventKind.MSG_SEND:
        this.queues.put(obj, a, pid, r);
        return this.hb.apply(t, kind, obj, a, ev[at + Slot.b]);
      case EventKind.QUEUE_GET:
      case EventKind.MSG_RECV:
        this.hb.apply(t, kind, obj, a, ev[at + Slot.b]);
        this.queues.get(obj, a, ev[at + Slot.b], pid, r, ev[at + Slot.time]);
        return false;
      case EventKind.BLOCK: {
        // An Atomics.waitAsync leaves its thread running: drawn, not counted as blocked time.
        if (a === BlockReason.ATOMICS_WAIT_ASYNC) return false;
        this.workers.block(t, ev[at + Slot.time], a, obj);
        const timed = ev[at + Slot.b] >= 0;
        const last = this.lastBlock[t];
        const detail = ev[at + Slot.c];
        if (last) { last.obj = obj; last.reason = a; last.timed = timed; last.loc = loc; last.record = r; last.detail = detail; } else {
          this.lastBlock[t] = { obj, reason: a, timed, loc, record: r, detail };
        }
        this.blockedNow[t] = 1;
        return false;
      }
      case EventKind.UNBLOCK:
        if (a === BlockReason.ATOMICS_WAIT_ASYNC) return false;
        this.workers.unblock(t, ev[at + Slot.time]);
        this.blockedNow[t] = 0;
        this.lastWaitFailed[t] = ev[at + Slot.b] === 1 ? 0 : 1;
        return false;
      case EventKind.SLEEP:
        this.workers.sleep(t, ev[at + Slot.time]);
        return false;
      case EventKind.PROC_BEGIN:
        this.workers.begin(t, ev[at + Slot.time]);
        return this.hb.apply(t, kind, obj, a, ev[at + Slot.b]);
      case EventKind.PROC_EXIT: {
        const exiting = this.model.threads.dense(obj);
        if (exiting >= 0) {
          this.workers.exit(exiting, ev[at + Slot.time]);
          this.exited[exiting] = 1;
          const cause = ev[at + Slot.c];
          this.exitCause[exiting] = cause;
          if (cause !== ExitCause.STOPPED) {
            for (const h of this.held.byThread[exiting]) {
              this.abandoned.push({ lock: h.lock, loc: h.loc, record: h.record, timeMs: h.timeMs, thread: exiting, exitRecord: r });
            }
          }
        }
        return this.hb.apply(t, kind, obj, a, ev[at + Slot.b]);
      }
      default:
        return this.hb.apply(t, kind, obj, a, ev[at + Slot.b]);
    }
  }

  /** The flows kept for the timeline (wakeups, pool tasks). */
  private visitSync(t: number, r: number, kind: number, pid: number, obj: number, a: number, b: number): void {
    if (kind >= EventKind.TASK_SUBMIT && kind <= EventKind.TASK_RESULT) this.tasks.visit(pid, r, kind, obj, a, b);
    else this.wakeups.visit(t, r, kind, obj, a, b);
  }

  /** Whether thread t ended the trace in a wait: still blocked, or stopped by the runner inside one. */
  stuck(t: number): boolean {
    const block = this.lastBlock[t];
    if (!block || block.timed) return false;
    const stopped = this.exitCause[t] === ExitCause.STOPPED;
    if (this.blockedNow[t]) return !this.exited[t] || stopped;
    return this.lastWaitFailed[t] === 1 && stopped;
  }

  /** Lock and RLock (and locks whose kind the trace lost), not semaphores. */
  isMutex(obj: number): boolean {
    if (obj < 0 || obj >= this.model.objectCount) return true;
    const kind = this.model.objectKind[obj];
    return kind !== ObjectKind.SEMAPHORE && kind !== ObjectKind.BOUNDED_SEMAPHORE;
  }

  private slotOf(obj: number, index: number): number {
    return this.model.slotOf(obj, index);
  }
}
