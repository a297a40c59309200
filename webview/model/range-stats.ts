/**
 * Statistics of a brushed time range: time each worker spent in each state, events per lane,
 * lock holding and waiting. Spans are clipped to the range.
 */
import { lowerBound, type SpanColumn } from './columns';
import type { TraceModel } from './trace-model';

export interface RangeStats {
  t0: number;
  t1: number;
  events: number;
  workers: { pid: number; name: string; byState: Map<number, number>; events: number }[];
  locks: { obj: number; name: string; holdMs: number; waitMs: number; acquisitions: number }[];
}

const MAX_SCAN = 2_000_000;

function clipSum(col: SpanColumn, t0: number, t1: number, add: (state: number, ms: number) => void): void {
  let scanned = 0;
  for (let i = col.firstReaching(t0); i < col.length && col.start[i] <= t1 && scanned < MAX_SCAN; i++, scanned++) {
    const d = Math.min(col.end[i], t1) - Math.max(col.start[i], t0);
    if (d > 0) add(col.state[i], d);
  }
}

export function rangeStats(model: TraceModel, t0: number, t1: number): RangeStats {
  const out: RangeStats = { t0, t1, events: 0, workers: [], locks: [] };
  for (const w of [...model.workers.values()].sort((a, b) => a.pid - b.pid)) {
    const byState = new Map<number, number>();
    const add = (s: number, ms: number): void => { byState.set(s, (byState.get(s) ?? 0) + ms); };
    clipSum(w.spans, t0, t1, add);
    if (w.open) {
      const d = Math.min(model.endTime, t1) - Math.max(w.open.start, t0);
      if (d > 0) add(w.open.state, d);
    }
    const p = w.points;
    p.ensureSorted();
    const events = lowerBound(p.time, p.length, t1 + 1e-12) - lowerBound(p.time, p.length, t0);
    out.events += events;
    out.workers.push({ pid: w.pid, name: model.processName(w.pid), byState, events });
  }
  for (const l of [...model.locks.values()].sort((a, b) => a.obj - b.obj)) {
    let holdMs = 0;
    let waitMs = 0;
    let acquisitions = 0;
    clipSum(l.holds, t0, t1, (_s, ms) => { holdMs += ms; });
    clipSum(l.waits, t0, t1, (_s, ms) => { waitMs += ms; });
    for (let i = l.holds.firstReaching(t0); i < l.holds.length && l.holds.start[i] <= t1; i++) if (l.holds.start[i] >= t0) acquisitions++;
    out.locks.push({ obj: l.obj, name: model.objectName(l.obj), holdMs, waitMs, acquisitions });
  }
  return out;
}
