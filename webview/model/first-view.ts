/**
 * What the first view, Fit and `0` show: the workers' activity. A run spends a long start-up
 * (loading the runner, compiling the script, spawning threads) before any worker runs: on the
 * whole run's axis that is 40–75% of the width, and the lesson lands in the last few pixels. So
 * the view starts just before the first worker's first event; the start-up stays reachable by
 * zooming out, and the axis corner says how much of it is left of the view (ui/shell.ts).
 */
import type { TraceModel } from './trace-model';

/** Room left of the first worker's first event, as a share of the activity's length. */
const LEAD = 0.03;
/** A start-up shorter than this share of the run is left in view: folding it gains nothing. */
const WORTH_FOLDING = 0.05;

export interface FirstView {
  t0: number;
  t1: number;
  /** Milliseconds of start-up left of the view (0: nothing folded away). */
  startUpMs: number;
}

export function firstView(model: TraceModel): FirstView | null {
  const end = model.endTime;
  const start = model.startTime;
  if (!(end > start)) return null;
  const active = model.activityStart;
  const whole = { t0: Math.min(0, start), t1: end, startUpMs: 0 };
  if (!(active > start && active < end)) return whole;
  if (active - whole.t0 < (end - whole.t0) * WORTH_FOLDING) return whole;
  const t0 = Math.max(Math.min(0, start), active - (end - active) * LEAD);
  return { t0, t1: end, startUpMs: t0 - whole.t0 };
}
