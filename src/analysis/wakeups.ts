/**
 * Wakeups: for each wait that ended because another worker did something, which event did it —
 * the release that let a contended acquire through, the set that ended an Event wait, the notify
 * that woke a Condition waiter, the last arrival that opened a Barrier, the exit that ended a
 * join. The timeline draws them as arrows (Concurrency Visualizer's "unblocked by"). Queue
 * put → get arrows are the queue flows.
 *
 * A wait counts when the thread recorded BLOCK and then a satisfied UNBLOCK on that object
 * (or, for locks, when LOCK_ACQUIRED says it had to wait).
 */
import { BlockReason, EventKind } from '../shared/events';
import type { Wakeup } from './report';
import type { TraceModel } from './trace-model';

const REASONS = 16;

export class Wakeups {
  readonly list: Wakeup[] = [];
  /** Per object: the last release / set / notify (record and dense thread). */
  private readonly lastRecord: Int32Array;
  private readonly lastThread: Int32Array;
  /** Per barrier: generation → its latest arrival [record, thread]. */
  private readonly arrivals = new Map<number, Map<number, [number, number]>>();
  /** Per thread and BlockReason: the object of a satisfied wait not yet matched, or -1. */
  private readonly woke: Float64Array;

  constructor(private readonly model: TraceModel) {
    this.lastRecord = new Int32Array(model.objectCount).fill(-1);
    this.lastThread = new Int32Array(model.objectCount).fill(-1);
    this.woke = new Float64Array(model.threads.count * REASONS).fill(-1);
  }

  /** Visits one record of dense thread t (only the kinds below matter). */
  visit(t: number, r: number, kind: number, obj: number, a: number, b: number): void {
    switch (kind) {
      case EventKind.UNBLOCK:
        if (b === 1 && a >= 0 && a < REASONS) this.woke[t * REASONS + a] = obj;
        break;
      case EventKind.LOCK_RELEASED:
      case EventKind.EVENT_SET:
      case EventKind.COND_NOTIFY:
        if (this.known(obj)) { this.lastRecord[obj] = r; this.lastThread[obj] = t; }
        break;
      case EventKind.LOCK_ACQUIRED:
        if (b === 1) this.fromObject('lock', t, r, obj);
        break;
      case EventKind.EVENT_WAITED:
        if (b === 1 && this.took(t, BlockReason.EVENT, obj)) this.fromObject('event', t, r, obj);
        break;
      case EventKind.COND_WOKEN:
        if (a >= 0 && this.took(t, BlockReason.CONDITION, obj)) this.fromObject('condition', t, r, obj);
        break;
      case EventKind.BARRIER_ARRIVE: {
        let generations = this.arrivals.get(obj);
        if (!generations) { generations = new Map(); this.arrivals.set(obj, generations); }
        generations.set(a, [r, t]);
        generations.delete(a - 2);
        break;
      }
      case EventKind.BARRIER_LEAVE: {
        const last = this.arrivals.get(obj)?.get(a);
        if (b === 1 && last && this.took(t, BlockReason.BARRIER, obj)) this.add('barrier', obj, last[1], t, last[0], r);
        break;
      }
      case EventKind.PROC_JOINED: {
        const exited = this.model.processes.get(obj);
        const from = this.model.threads.dense(obj);
        if (a === 1 && exited?.exitRecord != null && from >= 0 && this.took(t, BlockReason.JOIN, obj)) {
          this.add('join', obj, from, t, exited.exitRecord, r);
        }
        break;
      }
    }
  }

  private known(obj: number): boolean {
    return obj >= 0 && obj < this.lastRecord.length && (obj | 0) === obj;
  }

  /** Whether thread t's last satisfied wait for `reason` was on obj (and consumes it). */
  private took(t: number, reason: number, obj: number): boolean {
    const at = t * REASONS + reason;
    if (this.woke[at] !== obj) return false;
    this.woke[at] = -1;
    return true;
  }

  private fromObject(kind: Wakeup['kind'], t: number, r: number, obj: number): void {
    if (this.known(obj) && this.lastRecord[obj] >= 0 && this.lastThread[obj] !== t) {
      this.add(kind, obj, this.lastThread[obj], t, this.lastRecord[obj], r);
    }
  }

  private add(kind: Wakeup['kind'], obj: number, from: number, to: number, fromRecord: number, toRecord: number): void {
    const pids = this.model.threads.pids;
    this.list.push({
      kind,
      objectId: obj,
      object: kind === 'join' ? this.model.processName(obj) : this.model.objectName(obj),
      fromPid: pids[from],
      toPid: pids[to],
      fromRecord,
      toRecord,
    });
  }
}
