/**
 * What is under the pointer: a race mark, a point (event tick), a flow end, a span, or the lane.
 * Tolerances are in pixels, converted to time with the frame's scale.
 */
import { Slot } from '../../src/shared/events';
import { lowerBound } from '../model/columns';
import type { ResolvedFinding } from '../model/findings';
import type { Lane } from '../model/lanes';
import { State } from '../model/states';
import type { TraceModel } from '../model/trace-model';
import { type Layout, rowAt } from '../render/layout';
import type { FrameView } from '../render/view';

export type Hit =
  | { kind: 'race'; finding: ResolvedFinding; pair: [number, number]; ref: number }
  | { kind: 'point'; lane: Lane; ref: number }
  | { kind: 'flow'; index: number; ref: number }
  | { kind: 'span'; lane: Lane; start: number; end: number; state: number; ref: number; open: boolean }
  | { kind: 'core'; lane: Lane; start: number; end: number; pid: number }
  | { kind: 'lane'; lane: Lane };

const PX = 4;

function nearestPoint(time: Float64Array, n: number, t: number, tol: number): number {
  const i = lowerBound(time, n, t - tol);
  let best = -1;
  let bestD = tol;
  for (let j = i; j < n && time[j] <= t + tol; j++) {
    const d = Math.abs(time[j] - t);
    if (d <= bestD) { bestD = d; best = j; }
  }
  return best;
}

function spanAt(col: { length: number; start: Float64Array; end: Float64Array; state: Uint8Array; ref: Int32Array; firstReaching(t: number): number }, t: number, tol: number): number {
  for (let i = col.firstReaching(t - tol); i < col.length && col.start[i] <= t + tol; i++) {
    if (col.end[i] >= t - tol && col.start[i] <= t + tol) return i;
  }
  return -1;
}

export function hitTest(model: TraceModel, layout: Layout, view: FrameView, findings: readonly ResolvedFinding[], px: number, laneY: number): Hit | null {
  const row = rowAt(layout, laneY);
  if (!row || row.kind !== 'lane') return null;
  const lane = row.lane;
  const t = (px - view.x.b) / view.x.k;
  const tol = PX / view.x.k;
  if (lane.kind === 'worker' || lane.kind === 'memory') {
    for (const f of findings) {
      for (const pair of f.pairs) {
        for (const ref of pair) {
          const ok = lane.kind === 'worker' ? model.store.slot(ref, Slot.thread) === lane.pid : f.objs.includes(lane.obj);
          if (ok && Math.abs(model.store.slot(ref, Slot.time) - t) <= tol * 1.5) return { kind: 'race', finding: f, pair, ref };
        }
      }
    }
  }
  switch (lane.kind) {
    case 'worker': {
      const onTicks = laneY - row.y < 7;
      const p = nearestPoint(lane.points.time, lane.points.length, t, onTicks ? tol : tol / 2);
      if (p >= 0 && (onTicks || lane.points.category[p] !== 0)) {
        const ref = lane.points.ref[p];
        const f = model.flows;
        for (let i = 0; f.length < 300000 && i < f.length; i++) {
          if (f.dstRef[i] === ref || f.srcRef[i] === ref) return { kind: 'flow', index: i, ref };
        }
        return { kind: 'point', lane, ref };
      }
      if (laneY - row.y > row.h - 8) {
        const m = spanAt(lane.marks, t, 0);
        if (m >= 0) return { kind: 'span', lane, start: lane.marks.start[m], end: lane.marks.end[m], state: lane.marks.state[m], ref: lane.marks.ref[m], open: false };
      }
      const s = spanAt(lane.spans, t, 0);
      if (s >= 0) return { kind: 'span', lane, start: lane.spans.start[s], end: lane.spans.end[s], state: lane.spans.state[s], ref: lane.spans.ref[s], open: false };
      if (lane.open && t >= lane.open.start && t <= model.endTime) return { kind: 'span', lane, start: lane.open.start, end: model.endTime, state: lane.open.state, ref: lane.open.ref, open: true };
      return { kind: 'lane', lane };
    }
    case 'lock': {
      const inWait = laneY - row.y > row.h - 7;
      const col = inWait ? lane.waits : lane.holds;
      const s = spanAt(col, t, 0);
      if (s >= 0) return { kind: 'span', lane, start: col.start[s], end: col.end[s], state: col.state[s], ref: col.ref[s], open: false };
      const opens = inWait ? lane.openWaits : lane.openHolds;
      for (const o of opens.values()) {
        if (t >= o.start && t <= model.endTime) return { kind: 'span', lane, start: o.start, end: model.endTime, state: inWait ? State.LOCK_WAIT : State.HOLDING, ref: o.ref, open: true };
      }
      return { kind: 'lane', lane };
    }
    case 'memory': {
      const p = nearestPoint(lane.points.time, lane.points.length, t, tol);
      return p >= 0 ? { kind: 'point', lane, ref: lane.points.ref[p] } : { kind: 'lane', lane };
    }
    case 'core': {
      const s = spanAt(lane.spans, t, 0);
      if (s >= 0) return { kind: 'core', lane, start: lane.spans.start[s], end: lane.spans.end[s], pid: lane.spans.ref[s] };
      for (const [pid, cpu, start] of model.openCpu()) {
        if (cpu === lane.cpu && t >= start) return { kind: 'core', lane, start, end: model.endTime, pid };
      }
      return { kind: 'lane', lane };
    }
  }
}
