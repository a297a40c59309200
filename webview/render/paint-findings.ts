/**
 * Findings drawn over the lanes: each race's two accesses marked with a ✕ and joined by a thick
 * dashed line (on the worker lanes and on the object's lane), and the deadlock cycle: the waiting
 * spans outlined and an arrow from each waiter to the holder of what it waits for.
 */
import { Slot } from '../../src/shared/events';
import type { ResolvedFinding } from '../model/findings';
import type { Layout } from './layout';
import type { PaintContext } from './paint-lanes';

/** Width of the cell in which overlapping race marks are counted together, in CSS pixels. */
const MARK_CELL = 40;

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
}

export function paintFindings(pc: PaintContext, layout: Layout, findings: readonly ResolvedFinding[]): void {
  const { ctx, model, view, palette } = pc;
  const { k, b } = view.x;
  const joins = new Path2D();
  const crosses = new Path2D();
  let drawnPairs = 0;
  let lastKey = '';
  for (const f of findings) {
    for (const [ra, rb] of f.pairs) {
      const ta = model.store.slot(ra, Slot.time);
      const tb = model.store.slot(rb, Slot.time);
      if (Math.max(ta, tb) < view.t0 || Math.min(ta, tb) > view.t1) continue;
      const rowA = layout.workerRow.get(model.store.slot(ra, Slot.thread));
      const rowB = layout.workerRow.get(model.store.slot(rb, Slot.thread));
      const xa = Math.round(ta * k + b);
      const xb = Math.round(tb * k + b);
      const key = `${xa}:${xb}`;
      if (key === lastKey || drawnPairs > 2000) continue;
      lastKey = key;
      drawnPairs++;
      if (rowA && rowB) {
        const ya = rowA.y + rowA.h / 2;
        const yb = rowB.y + rowB.h / 2;
        joins.moveTo(xa, ya);
        joins.lineTo(xb, yb);
        crosses.moveTo(xa + 5, ya);
        crosses.arc(xa, ya, 5, 0, Math.PI * 2);
        crosses.moveTo(xb + 5, yb);
        crosses.arc(xb, yb, 5, 0, Math.PI * 2);
      }
      for (const obj of f.objs) {
        const row = layout.objectRow.get(obj);
        if (!row) continue;
        const y = row.y + row.h / 2;
        joins.moveTo(xa, y);
        joins.lineTo(xb, y);
      }
    }
  }
  ctx.strokeStyle = palette.race;
  ctx.lineWidth = 2;
  ctx.setLineDash([4, 2]);
  ctx.stroke(joins);
  ctx.setLineDash([]);
  ctx.fillStyle = palette.background;
  ctx.fill(crosses);
  ctx.stroke(crosses);
  ctx.beginPath();
  // Marks that fall on one another say how many they stand for ("498 racing pairs" would
  // otherwise be one red mark): counted per lane and per MARK_CELL pixels, accesses counted once.
  const counts = new Map<string, { x: number; y: number; refs: Set<number> }>();
  for (const f of findings) {
    for (const [ra, rb] of f.pairs) {
      for (const ref of [ra, rb]) {
        const t = model.store.slot(ref, Slot.time);
        if (t < view.t0 || t > view.t1) continue;
        const row = layout.workerRow.get(model.store.slot(ref, Slot.thread));
        if (!row) continue;
        const x = Math.round(t * k + b);
        const y = row.y + row.h / 2;
        cross(ctx, x, y, 2.5);
        const key = `${row.y}:${Math.floor(x / MARK_CELL)}`;
        const cell = counts.get(key);
        if (cell) cell.refs.add(ref);
        else counts.set(key, { x, y, refs: new Set([ref]) });
      }
    }
  }
  ctx.stroke();
  for (const { x, y, refs } of counts.values()) {
    if (refs.size > 1 && pc.labels.length < 4000) pc.labels.push([`×${refs.size}`, x + 6, y - 7, MARK_CELL - 6]);
  }
  ctx.lineWidth = 1;
  paintDeadlock(pc, layout, findings);
}

function paintDeadlock(pc: PaintContext, layout: Layout, findings: readonly ResolvedFinding[]): void {
  const { ctx, model, view, palette } = pc;
  const { k, b } = view.x;
  const xEnd = model.endTime * k + b;
  for (const f of findings) {
    if (f.edges.length === 0) continue;
    ctx.strokeStyle = palette.deadlock;
    ctx.lineWidth = 2;
    for (const e of f.edges) {
      const row = layout.workerRow.get(e.waiter);
      const lane = model.workers.get(e.waiter);
      if (row) {
        const start = lane?.open && lane.open.state !== 1 ? lane.open.start : lastBlockStart(lane);
        const x0 = Math.max(-2, start * k + b);
        ctx.strokeRect(x0, row.y + 5, Math.max(4, xEnd - x0), row.h - 10);
      }
      const lockRow = layout.objectRow.get(e.object);
      if (lockRow) ctx.strokeRect(-2, lockRow.y + 1, view.width + 4, lockRow.h - 2);
      const holder = layout.workerRow.get(e.holder);
      if (row && holder) {
        // The waits-for edge, drawn just inside the end of the run so it is never clipped.
        const x = Math.min(view.width, xEnd) - 10;
        const ys = row.y + row.h / 2;
        const yd = holder.y + holder.h / 2;
        const dir = yd > ys ? 1 : -1;
        ctx.beginPath();
        ctx.moveTo(x, ys);
        ctx.bezierCurveTo(x - 34, ys + dir * 4, x - 34, yd - dir * 4, x - 4, yd - dir * 3);
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(x - 2, yd - dir * 2);
        ctx.lineTo(x - 12, yd - dir * 3);
        ctx.lineTo(x - 7, yd - dir * 10);
        ctx.closePath();
        ctx.fillStyle = palette.deadlock;
        ctx.fill();
        pc.labels.push([`waits for ${model.objectName(e.object)}`, Math.max(4, x - 190), ys - 6, 146]);
      }
    }
    ctx.lineWidth = 1;
  }
}

function lastBlockStart(lane: { spans: { length: number; start: Float64Array; state: Uint8Array } } | undefined): number {
  if (!lane) return 0;
  for (let i = lane.spans.length - 1; i >= 0; i--) if (lane.spans.state[i] !== 1) return lane.spans.start[i];
  return 0;
}
