/**
 * Where the keyboard and the findings list move the user: the next lane, the next event on a
 * lane, the place of a finding. Pure functions of the model and layout (tested in Node); the app
 * applies their answers to the selection and the zoom.
 */
import { Slot } from '../../src/shared/events';
import type { ResolvedFinding } from '../model/findings';
import type { Lane } from '../model/lanes';
import type { TraceModel } from '../model/trace-model';
import type { Layout, Row } from '../render/layout';
import { hitRef } from './details';
import type { Hit } from './hit';

type LaneRow = Extract<Row, { kind: 'lane' }>;

export function selectedLane(hit: Hit | null): Lane | null {
  return hit && 'lane' in hit ? hit.lane : null;
}

/** The lane row after (dir 1) or before (-1) the selected one, clamped to the first and last. */
export function nextLaneRow(layout: Layout, current: Lane | null, dir: 1 | -1): LaneRow | null {
  const lanes = layout.rows.filter((r): r is LaneRow => r.kind === 'lane');
  if (lanes.length === 0) return null;
  let i = current ? lanes.findIndex((r) => r.lane === current) : -1;
  i = Math.max(0, Math.min(lanes.length - 1, i + dir));
  return lanes[i];
}

/**
 * The next (dir 1) or previous event on the selected worker or object lane (the main worker's
 * when no lane is selected), from the selected event, or from the left edge of the view.
 */
export function stepTarget(model: TraceModel, selected: Hit | null, fromTime: number, dir: 1 | -1): { lane: Lane; ref: number; time: number } | null {
  const lane = selectedLane(selected) ?? model.workers.get(0) ?? null;
  if (!lane || (lane.kind !== 'worker' && lane.kind !== 'memory')) return null;
  const p = lane.points;
  if (p.length === 0) return null;
  const from = hitRef(selected);
  const t = from !== null ? model.store.slot(from, Slot.time) : fromTime;
  let i = p.firstAtOrAfter(t);
  if (from !== null) {
    while (i < p.length && p.ref[i] !== from && p.time[i] === t) i++;
    i += dir;
  } else if (dir < 0) i -= 1;
  i = Math.max(0, Math.min(p.length - 1, i));
  return { lane, ref: p.ref[i], time: p.time[i] };
}

/** How to show a finding: a range around its first pair (selected), or a time to centre on. */
export type FindingFocus =
  | { kind: 'pair'; range: [number, number]; hit: Hit }
  | { kind: 'place'; time: number | null; lane: Lane | null };

export function findingFocus(model: TraceModel, f: ResolvedFinding): FindingFocus {
  if (f.pairs.length > 0) {
    const [a, b] = f.pairs[0];
    const ta = model.store.slot(a, Slot.time);
    const tb = model.store.slot(b, Slot.time);
    const span = Math.max(Math.abs(tb - ta) * 6, (model.endTime - model.startTime) / 200, 1e-3);
    const mid = (ta + tb) / 2;
    return { kind: 'pair', range: [mid - span / 2, mid + span / 2], hit: { kind: 'race', finding: f, pair: f.pairs[0], ref: a } };
  }
  const pid = f.pids[0];
  return { kind: 'place', time: f.time, lane: (pid !== undefined ? model.workers.get(pid) : undefined) ?? null };
}
