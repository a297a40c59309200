/**
 * Arrows between lanes: the release that unblocked an acquire (and the Atomics.notify that woke a
 * waiter), a queue item from put to get (and a plain program's message from postMessage to its
 * receipt), a pool task from submit to run and from end to result, and a thread's migration
 * between cores.
 * Kept columnar and sorted by source time (sorted lazily, once per draw after appends).
 */
import { lowerBound } from './columns';

export const FlowKind = { LOCK: 1, QUEUE: 2, TASK_SUBMIT: 3, TASK_RESULT: 4, MIGRATION: 5 } as const;
export type FlowKind = (typeof FlowKind)[keyof typeof FlowKind];

export const flowLabel: Record<number, string> = {
  [FlowKind.LOCK]: 'release → acquire, notify → woken (unblocked)',
  [FlowKind.QUEUE]: 'queue put → get, message sent → received (#seq)',
  [FlowKind.TASK_SUBMIT]: 'task submit → run',
  [FlowKind.TASK_RESULT]: 'task end → result',
  [FlowKind.MIGRATION]: 'core migration',
};

export class FlowStore {
  srcT = new Float64Array(0);
  dstT = new Float64Array(0);
  /** Lane keys are process ids (or cpu numbers for migrations). */
  srcLane = new Int32Array(0);
  dstLane = new Int32Array(0);
  kind = new Uint8Array(0);
  /** Sequence number / task id shown on the arrow. */
  label = new Float64Array(0);
  srcRef = new Int32Array(0);
  dstRef = new Int32Array(0);
  length = 0;
  maxDuration = 0;
  private unsorted = false;

  push(srcT: number, dstT: number, srcLane: number, dstLane: number, kind: FlowKind, label: number, srcRef: number, dstRef: number): void {
    const n = this.length;
    if (n + 1 > this.srcT.length) this.reserve(Math.max(64, n * 2));
    if (n > 0 && srcT < this.srcT[n - 1]) this.unsorted = true;
    this.srcT[n] = srcT;
    this.dstT[n] = dstT;
    this.srcLane[n] = srcLane;
    this.dstLane[n] = dstLane;
    this.kind[n] = kind;
    this.label[n] = label;
    this.srcRef[n] = srcRef;
    this.dstRef[n] = dstRef;
    this.length = n + 1;
    const d = Math.abs(dstT - srcT);
    if (d > this.maxDuration) this.maxDuration = d;
  }

  private reserve(cap: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.srcT = copy(this.srcT, (k) => new Float64Array(k));
    this.dstT = copy(this.dstT, (k) => new Float64Array(k));
    this.srcLane = copy(this.srcLane, (k) => new Int32Array(k));
    this.dstLane = copy(this.dstLane, (k) => new Int32Array(k));
    this.kind = copy(this.kind, (k) => new Uint8Array(k));
    this.label = copy(this.label, (k) => new Float64Array(k));
    this.srcRef = copy(this.srcRef, (k) => new Int32Array(k));
    this.dstRef = copy(this.dstRef, (k) => new Int32Array(k));
  }

  ensureSorted(): void {
    if (!this.unsorted) return;
    this.unsorted = false;
    const n = this.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const s = this.srcT;
    order.sort((x, y) => s[x] - s[y]);
    const permute = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(a.length);
      for (let i = 0; i < n; i++) b[i] = a[order[i]];
      return b;
    };
    this.srcT = permute(this.srcT, (k) => new Float64Array(k));
    this.dstT = permute(this.dstT, (k) => new Float64Array(k));
    this.srcLane = permute(this.srcLane, (k) => new Int32Array(k));
    this.dstLane = permute(this.dstLane, (k) => new Int32Array(k));
    this.kind = permute(this.kind, (k) => new Uint8Array(k));
    this.label = permute(this.label, (k) => new Float64Array(k));
    this.srcRef = permute(this.srcRef, (k) => new Int32Array(k));
    this.dstRef = permute(this.dstRef, (k) => new Int32Array(k));
  }

  /** First flow whose arrow may be visible at or after t. */
  firstReaching(t: number): number {
    this.ensureSorted();
    return lowerBound(this.srcT, this.length, t - this.maxDuration);
  }
}
