/**
 * Per-worker time: each worker's life split into running, blocked (on what) and sleeping, from its
 * BLOCK/UNBLOCK and SLEEP events. "Running" means "not waiting in Interleave": the OS may still
 * have descheduled the thread (CPU events tell that; the timeline draws them).
 *
 * The intervals are kept (as flat triples) for utilization over time.
 */
import { BlockReason } from '../shared/events';

export const WorkerState = { RUNNING: 0, BLOCKED: 1, SLEEPING: 2 } as const;
export type WorkerState = (typeof WorkerState)[keyof typeof WorkerState];

export interface BlockedOn {
  reason: number;
  obj: number;
  ms: number;
  count: number;
}

export interface WorkerTotals {
  startMs: number;
  endMs: number;
  runningMs: number;
  blockedMs: number;
  sleepingMs: number;
  blockedOn: Map<number, BlockedOn>;
}

export class WorkerTimes {
  readonly totals: WorkerTotals[];
  /** Per thread: [start, end, state] triples of closed intervals. */
  readonly intervals: number[][];
  private readonly state: Int8Array;
  private readonly since: Float64Array;
  private readonly alive: Uint8Array;
  private readonly blockReason: Float64Array;
  private readonly blockObj: Float64Array;

  constructor(threads: number, firstMs: readonly number[]) {
    this.totals = Array.from({ length: threads }, (_, t) => ({
      startMs: firstMs[t], endMs: firstMs[t], runningMs: 0, blockedMs: 0, sleepingMs: 0, blockedOn: new Map(),
    }));
    this.intervals = Array.from({ length: threads }, () => []);
    this.state = new Int8Array(threads);
    this.since = Float64Array.from(firstMs);
    this.alive = new Uint8Array(threads).fill(1);
    this.blockReason = new Float64Array(threads);
    this.blockObj = new Float64Array(threads).fill(-1);
  }

  begin(t: number, timeMs: number): void {
    this.totals[t].startMs = Math.min(this.totals[t].startMs, timeMs);
  }

  block(t: number, timeMs: number, reason: number, obj: number): void {
    if (!this.alive[t]) return;
    this.close(t, timeMs);
    this.state[t] = reason === BlockReason.SLEEP ? WorkerState.SLEEPING : WorkerState.BLOCKED;
    this.blockReason[t] = reason;
    this.blockObj[t] = obj;
  }

  sleep(t: number, timeMs: number): void {
    if (!this.alive[t] || this.state[t] === WorkerState.SLEEPING) return;
    this.close(t, timeMs);
    this.state[t] = WorkerState.SLEEPING;
    this.blockReason[t] = BlockReason.SLEEP;
    this.blockObj[t] = -1;
  }

  unblock(t: number, timeMs: number): void {
    if (!this.alive[t] || this.state[t] === WorkerState.RUNNING) return;
    this.close(t, timeMs);
    this.state[t] = WorkerState.RUNNING;
  }

  exit(t: number, timeMs: number): void {
    if (!this.alive[t]) return;
    this.close(t, timeMs);
    this.alive[t] = 0;
  }

  /** Ends every worker still alive at its last event, or `endMs` when given. */
  finish(lastMs: readonly number[], endMs: number | null): void {
    for (let t = 0; t < this.totals.length; t++) {
      if (!this.alive[t]) continue;
      const end = endMs ?? lastMs[t];
      if (Number.isFinite(end)) this.close(t, Math.max(end, this.since[t]));
      this.alive[t] = 0;
    }
  }

  private close(t: number, timeMs: number): void {
    const from = this.since[t];
    const ms = Math.max(0, timeMs - from);
    const totals = this.totals[t];
    const state = this.state[t];
    if (state === WorkerState.RUNNING) totals.runningMs += ms;
    else if (state === WorkerState.SLEEPING) totals.sleepingMs += ms;
    else {
      totals.blockedMs += ms;
      const key = this.blockReason[t] * 2 ** 32 + (this.blockObj[t] + 1);
      let on = totals.blockedOn.get(key);
      if (!on) {
        on = { reason: this.blockReason[t], obj: this.blockObj[t], ms: 0, count: 0 };
        totals.blockedOn.set(key, on);
      }
      on.ms += ms;
      on.count++;
    }
    if (ms > 0) this.intervals[t].push(from, timeMs, state);
    if (timeMs > totals.endMs) totals.endMs = timeMs;
    this.since[t] = Math.max(from, timeMs);
  }
}
