/**
 * The overlay canvas, above the lanes: the brushed range, rings around search hits, and the
 * outlines of the hovered and the selected item. Redrawn alone (the lanes canvas is kept), so
 * hover and selection cost a few strokes, not a frame.
 */
import { Slot } from '../../src/shared/events';
import type { Lane } from '../model/lanes';
import type { TraceModel } from '../model/trace-model';
import type { Hit } from '../ui/hit';
import type { Layout, Row } from './layout';
import type { Palette } from './palette';
import type { FrameView } from './view';

export interface OverlayInput {
  model: TraceModel;
  layout: Layout;
  view: FrameView;
  palette: Palette;
  dpr: number;
  brushed: [number, number] | null;
  searchHits: readonly number[];
  hover: Hit | null;
  selected: Hit | null;
}

/** Search hits ringed per frame: more are counted in the toolbar, not drawn. */
const MAX_RINGS = 2000;

export function paintOverlay(ctx: CanvasRenderingContext2D, o: OverlayInput): void {
  const v = o.view;
  ctx.setTransform(o.dpr, 0, 0, o.dpr, 0, 0);
  ctx.clearRect(0, 0, v.width, v.height);
  ctx.translate(0, -v.scrollTop);
  const X = (t: number): number => t * v.x.k + v.x.b;
  if (o.brushed) {
    const [a, b] = o.brushed;
    ctx.fillStyle = o.palette.selection;
    ctx.fillRect(X(Math.min(a, b)), v.scrollTop, Math.abs(X(b) - X(a)), v.height);
  }
  ctx.strokeStyle = o.palette.focus;
  ctx.lineWidth = 2;
  for (const ref of o.searchHits.slice(0, MAX_RINGS)) {
    const t = o.model.store.slot(ref, Slot.time);
    if (t < v.t0 || t > v.t1) continue;
    const row = o.layout.workerRow.get(o.model.store.slot(ref, Slot.thread));
    if (!row) continue;
    ctx.beginPath();
    ctx.arc(X(t), row.y + 4, 6, 0, Math.PI * 2);
    ctx.stroke();
  }
  for (const [hit, width] of [[o.hover, 1.5], [o.selected, 2.5]] as const) {
    if (!hit) continue;
    ctx.lineWidth = width;
    ctx.strokeStyle = o.palette.focus;
    outline(ctx, o, hit, X);
  }
}

function outline(ctx: CanvasRenderingContext2D, o: OverlayInput, hit: Hit, X: (t: number) => number): void {
  const rowOf = (lane: Lane): Row | undefined => o.layout.rows.find((r) => r.kind === 'lane' && r.lane === lane);
  switch (hit.kind) {
    case 'lane': {
      const row = rowOf(hit.lane);
      if (row) ctx.strokeRect(1, row.y + 1, o.view.width - 2, row.h - 2);
      break;
    }
    case 'span':
    case 'core': {
      const row = rowOf(hit.lane);
      if (row) ctx.strokeRect(X(hit.start) - 1, row.y + 2, Math.max(3, X(hit.end) - X(hit.start) + 2), row.h - 4);
      break;
    }
    case 'point':
    case 'race':
    case 'flow': {
      const f = o.model.flows;
      const refs = hit.kind === 'race' ? hit.pair : hit.kind === 'flow' ? [f.srcRef[hit.index], f.dstRef[hit.index]] : [hit.ref];
      for (const ref of refs) {
        const t = o.model.store.slot(ref, Slot.time);
        const pid = o.model.store.slot(ref, Slot.thread);
        const row = hit.kind === 'point' && hit.lane.kind === 'memory' ? rowOf(hit.lane) : o.layout.workerRow.get(pid);
        if (!row) continue;
        ctx.beginPath();
        ctx.arc(X(t), row.y + row.h / 2, 7, 0, Math.PI * 2);
        ctx.stroke();
      }
      break;
    }
  }
}
