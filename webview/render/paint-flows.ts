/**
 * Arrows: release→acquire (solid), queue put→get (dashed, labelled #seq), pool task submit→run and
 * end→result (dotted), core migrations (thin). Line style tells the kind apart without colour.
 * At most one arrow per (kind, source pixel, target pixel, lanes) is drawn, and at most
 * MAX_ARROWS per frame: when more would be drawn the view is too far out to read them anyway.
 */
import { gallop, lowerBound } from '../model/columns';
import { FlowKind } from '../model/flows';
import type { Layout } from './layout';
import type { PaintContext } from './paint-lanes';

const MAX_ARROWS = 2000;
const MAX_FLOW_LABELS = 80;
/** Arrows drawn per source pixel column before jumping to the next column. */
const PER_PIXEL = 3;

function dashOf(kind: number): number[] {
  switch (kind) {
    case FlowKind.QUEUE: return [5, 3];
    case FlowKind.TASK_SUBMIT:
    case FlowKind.TASK_RESULT: return [1.5, 2.5];
    default: return [];
  }
}

export function flowHidden(hidden: ReadonlySet<string>, kind: number): boolean {
  if (hidden.has('flows')) return true;
  switch (kind) {
    case FlowKind.LOCK: return hidden.has('locks');
    case FlowKind.QUEUE: return hidden.has('queues');
    case FlowKind.MIGRATION: return hidden.has('cores');
    default: return hidden.has('tasks');
  }
}

/** Draws the visible arrows; returns how many were left out because the view is too dense. */
export function paintFlows(pc: PaintContext, layout: Layout): number {
  const { ctx, model, view, palette } = pc;
  const f = model.flows;
  if (f.length === 0 || pc.hiddenCategories.has('flows')) return 0;
  const paths = new Map<number, Path2D>();
  const heads = new Map<number, Path2D>();
  const labels: [string, number, number, number][] = [];
  const { k, b } = view.x;
  const first = f.firstReaching(view.t0);
  // More flows than pixels: single arrows cannot be read at this zoom, so none are drawn (as
  // Perfetto does); a note says how many there are. Between 1 and 4 per 4 px: straight, undashed
  // lines without heads (bezier dashes are what costs most to rasterize).
  const visible = lowerBound(f.srcT, f.length, view.t1) - first;
  if (visible > view.width) return visible;
  const dense = visible > view.width / 4;
  let drawn = 0;
  let pixel = -Infinity;
  let inPixel = 0;
  let lastXs = NaN;
  let lastXd = NaN;
  let lastKind = -1;
  for (let i = first; i < f.length && drawn < MAX_ARROWS; i++) {
    const ts = f.srcT[i];
    if (ts > view.t1) break;
    const td = f.dstT[i];
    if (Math.max(ts, td) < view.t0) continue;
    const kind = f.kind[i];
    if (flowHidden(pc.hiddenCategories, kind)) continue;
    const xs = Math.round(ts * k + b);
    if (xs !== pixel) { pixel = xs; inPixel = 0; }
    if (++inPixel > PER_PIXEL) {
      // Jump to the first flow of the next pixel column.
      const next = gallop(f.srcT, i, f.length, (xs + 0.5 - b) / k);
      if (next > i) i = next - 1;
      continue;
    }
    const xd = Math.round(td * k + b);
    if (xs === lastXs && xd === lastXd && kind === lastKind) continue;
    lastXs = xs; lastXd = xd; lastKind = kind;
    const migration = kind === FlowKind.MIGRATION;
    const rs = migration ? layout.coreRow.get(f.srcLane[i]) : layout.workerRow.get(f.srcLane[i]);
    const rd = migration ? layout.coreRow.get(f.dstLane[i]) : layout.workerRow.get(f.dstLane[i]);
    if (!rs || !rd) continue;
    drawn++;
    const ys = rs.y + rs.h / 2;
    const yd = rd.y + rd.h / 2;
    let path = paths.get(kind);
    if (!path) { path = new Path2D(); paths.set(kind, path); }
    let head = heads.get(kind);
    if (!head) { head = new Path2D(); heads.set(kind, head); }
    path.moveTo(xs, ys);
    if (migration || dense) {
      path.lineTo(xd, yd);
      continue;
    }
    if (rs === rd) {
      // Same lane (a worker putting and getting itself): an arc above the lane.
      const lift = Math.min(14, Math.max(6, Math.abs(xd - xs) / 4));
      path.bezierCurveTo(xs, ys - lift, xd, yd - lift, xd, yd - 4);
    } else {
      const mid = (xs + xd) / 2;
      const dir = yd > ys ? 1 : -1;
      path.bezierCurveTo(mid, ys, mid, yd - dir * 6, xd, yd - dir * 5);
    }
    // Arrowhead pointing at the target event.
    const dir = rs === rd ? 1 : yd > ys ? 1 : -1;
    const tipY = yd - dir * 4;
    head.moveTo(xd, tipY);
    head.lineTo(xd - 3.5, tipY - dir * 6);
    head.lineTo(xd + 3.5, tipY - dir * 6);
    if (kind !== FlowKind.LOCK && Math.abs(xd - xs) > 30 && labels.length < MAX_FLOW_LABELS) {
      const text = kind === FlowKind.QUEUE ? `#${f.label[i]}` : `task ${f.label[i]}`;
      labels.push([text, (xs + xd) / 2, (ys + yd) / 2, kind]);
    }
  }
  const color = (kind: number): string =>
    kind === FlowKind.LOCK ? palette.flowLock : kind === FlowKind.QUEUE ? palette.flowQueue : kind === FlowKind.MIGRATION ? palette.migration : palette.flowTask;
  if (dense) ctx.globalAlpha = 0.5;
  for (const [kind, path] of paths) {
    ctx.strokeStyle = color(kind);
    ctx.lineWidth = kind === FlowKind.MIGRATION || dense ? 1 : 1.4;
    ctx.setLineDash(dense ? [] : dashOf(kind));
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  for (const [kind, head] of heads) {
    ctx.fillStyle = color(kind);
    ctx.fill(head);
  }
  ctx.font = `${pc.palette.fontSize - 2}px ${pc.palette.font}`;
  ctx.textBaseline = 'middle';
  for (const [text, x, y, kind] of labels) {
    const w = ctx.measureText(text).width + 6;
    ctx.fillStyle = palette.background;
    ctx.fillRect(x - w / 2, y - 7, w, 14);
    ctx.fillStyle = color(kind);
    ctx.fillText(text, x - w / 2 + 3, y);
  }
  ctx.textBaseline = 'alphabetic';
  return 0;
}
