/**
 * Walks records in time order, except that an acquire-like event waits until the release-like
 * event it depends on has been visited (see happens-before.ts `isReady`). Its thread's later
 * records wait behind it, so each thread is still visited in program order.
 *
 * Why: time order is almost, but not always, causal order. Clocks of different threads agree only
 * to within the calibration error, and some events are recorded after their operation (a put is
 * recorded once its item is in the queue, so the get can be stamped first). Visiting in a causal
 * order keeps every happens-before edge. Events whose source never appears (dropped by a full ring,
 * or cut off by a truncated trace) are released at the end, earliest first, without their edge.
 */
import { RECORD_SLOTS, Slot } from '../shared/events';
import { MAY_WAIT } from './happens-before';

export interface CausalVisitor {
  /** Whether record `r` may be visited now. */
  ready(r: number): boolean;
  /** Visits record `r`; returns true when that may have made a held-back record ready. */
  visit(r: number): boolean;
}

export function walkCausally(
  events: Float64Array,
  order: Uint32Array,
  /** Dense thread of each record. */
  recordThread: Int32Array,
  threads: number,
  visitor: CausalVisitor,
): void {
  const waiting: number[][] = Array.from({ length: threads }, () => []);
  const head = new Int32Array(threads);
  let held = 0;

  const drain = (): void => {
    let progress = true;
    while (progress && held > 0) {
      progress = false;
      for (let t = 0; t < threads; t++) {
        const queue = waiting[t];
        while (head[t] < queue.length && visitor.ready(queue[head[t]])) {
          visitor.visit(queue[head[t]++]);
          progress = true;
        }
        if (head[t] === queue.length && queue.length > 0) {
          waiting[t] = [];
          head[t] = 0;
          held--;
        }
      }
    }
  };

  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    const at = r * RECORD_SLOTS;
    if (held === 0 && MAY_WAIT[events[at + Slot.kind] & 255] === 0) {
      // The common case: nothing held back, and an event that never waits.
      visitor.visit(r);
      continue;
    }
    const t = recordThread[r];
    const queue = waiting[t];
    if (queue.length > 0) {
      queue.push(r);
      continue;
    }
    if (!visitor.ready(r)) {
      queue.push(r);
      held++;
      continue;
    }
    if (visitor.visit(r) && held > 0) drain();
  }

  // Sources that never came: release the earliest held record, then try the rest again.
  while (held > 0) {
    let best = -1;
    let bestTime = Infinity;
    for (let t = 0; t < threads; t++) {
      const queue = waiting[t];
      if (head[t] < queue.length) {
        const time = events[queue[head[t]] * RECORD_SLOTS + Slot.time];
        if (best < 0 || time < bestTime) { best = t; bestTime = time; }
      }
    }
    const queue = waiting[best];
    visitor.visit(queue[head[best]++]);
    if (head[best] === queue.length) {
      waiting[best] = [];
      head[best] = 0;
      held--;
    }
    drain();
  }
}
