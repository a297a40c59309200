/**
 * A brute-force happens-before oracle for property tests: the transitive closure of program
 * order and every synchronisation edge, computed with one bitset per event, written from the
 * schema's definitions without sharing code with the analysis. Its input must be in time order
 * (every edge points forward), which is how TraceBuilder emits records.
 */
import { EventKind, ObjectKind, RECORD_SLOTS } from '../../../src/shared/events';

export interface OracleRace {
  obj: number;
  index: number;
  first: number;
  second: number;
}

export class Oracle {
  /** reach[j] has bit i when record i happens before record j. */
  private readonly reach: Uint32Array[];
  readonly n: number;

  constructor(private readonly events: Float64Array) {
    const n = events.length / RECORD_SLOTS;
    this.n = n;
    const words = Math.ceil(n / 32);
    const f = (r: number, s: number): number => events[r * RECORD_SLOTS + s];
    const kinds = new Map<number, number>();
    for (let r = 0; r < n; r++) if (f(r, 1) === EventKind.OBJ_CREATE) kinds.set(f(r, 3), f(r, 4));
    const isSem = (obj: number): boolean => kinds.get(obj) === ObjectKind.SEMAPHORE || kinds.get(obj) === ObjectKind.BOUNDED_SEMAPHORE;

    const preds: number[][] = Array.from({ length: n }, () => []);
    const lastOfThread = new Map<number, number>();
    for (let j = 0; j < n; j++) {
      const thread = f(j, 2);
      const prev = lastOfThread.get(thread);
      if (prev !== undefined) preds[j].push(prev);
      lastOfThread.set(thread, j);
      const kind = f(j, 1);
      const obj = f(j, 3);
      const a = f(j, 4);
      const b = f(j, 5);
      for (let i = 0; i < j; i++) {
        const ik = f(i, 1);
        const io = f(i, 3);
        const ia = f(i, 4);
        let edge = false;
        switch (kind) {
          case EventKind.LOCK_ACQUIRED:
            edge = ik === EventKind.LOCK_RELEASED && io === obj && (isSem(obj) ? ia <= a : ia === a - 1);
            break;
          case EventKind.EVENT_WAITED:
            edge = b === 1 && ik === EventKind.EVENT_SET && io === obj && ia <= a;
            break;
          case EventKind.COND_WOKEN:
            edge = a >= 0 && ik === EventKind.COND_NOTIFY && io === obj && ia <= a;
            break;
          case EventKind.BARRIER_LEAVE:
            edge = b === 1 && ik === EventKind.BARRIER_ARRIVE && io === obj && ia === a;
            break;
          case EventKind.QUEUE_GET:
            edge = ik === EventKind.QUEUE_PUT && io === obj && ia === a;
            break;
          case EventKind.PROC_BEGIN:
            edge = ik === EventKind.PROC_START && io === obj;
            break;
          case EventKind.PROC_JOINED:
            edge = a === 1 && ik === EventKind.PROC_EXIT && io === obj;
            break;
          case EventKind.TASK_START:
            edge = ik === EventKind.TASK_SUBMIT && io === obj && ia === a;
            break;
          case EventKind.TASK_RESULT:
            edge = ik === EventKind.TASK_END && io === obj && ia === a;
            break;
        }
        if (edge) preds[j].push(i);
      }
    }
    this.reach = [];
    for (let j = 0; j < n; j++) {
      const bits = new Uint32Array(words);
      for (const i of preds[j]) {
        bits[i >>> 5] |= 1 << (i & 31);
        const r = this.reach[i];
        for (let w = 0; w < words; w++) bits[w] |= r[w];
      }
      this.reach.push(bits);
    }
  }

  happensBefore(i: number, j: number): boolean {
    return (this.reach[j][i >>> 5] & (1 << (i & 31))) !== 0;
  }

  concurrent(i: number, j: number): boolean {
    return !this.happensBefore(i, j) && !this.happensBefore(j, i);
  }

  /** Every racing pair of accesses. */
  races(): OracleRace[] {
    const f = (r: number, s: number): number => this.events[r * RECORD_SLOTS + s];
    const accesses: number[] = [];
    for (let r = 0; r < this.n; r++) if (f(r, 1) === EventKind.READ || f(r, 1) === EventKind.WRITE) accesses.push(r);
    const out: OracleRace[] = [];
    for (let x = 0; x < accesses.length; x++) {
      for (let y = x + 1; y < accesses.length; y++) {
        const i = accesses[x];
        const j = accesses[y];
        if (f(i, 3) !== f(j, 3) || f(i, 4) !== f(j, 4) || f(i, 2) === f(j, 2)) continue;
        if (f(i, 1) !== EventKind.WRITE && f(j, 1) !== EventKind.WRITE) continue;
        if (this.concurrent(i, j)) out.push({ obj: f(i, 3), index: f(i, 4), first: i, second: j });
      }
    }
    return out;
  }
}
