/**
 * Draws one frame of the lanes canvas. Coordinate spaces: *time* (trace ms), *plot x* (CSS
 * pixels, x = t·k + b from the d3 scale), *lanes y* (CSS pixels from the top of all rows; the
 * canvas shows [scrollTop, scrollTop + height)). A frame may be clipped to an x range: live
 * batches redraw only the time they changed.
 */
import type { ResolvedFinding } from '../model/findings';
import type { TraceModel } from '../model/trace-model';
import type { Layout } from './layout';
import { paintCore, paintLock, paintMemory, paintUtil, paintWorker, type PaintContext } from './paint-lanes';
import { paintFindings } from './paint-findings';
import { paintFlows } from './paint-flows';
import type { Palette } from './palette';
import { stateStyles, type StateStyle } from './patterns';
import { RectBatch } from './rect-batch';
import type { FrameView } from './view';

export interface FrameInput {
  model: TraceModel;
  layout: Layout;
  view: FrameView;
  findings: readonly ResolvedFinding[];
  hiddenCategories: ReadonlySet<string>;
  /** Grid line positions (plot x). */
  ticks: number[];
  /** Redraw only this x range (plot pixels); the rest of the canvas is kept. */
  clip?: { x0: number; x1: number };
}

export class TimelineRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private palette!: Palette;
  private styles!: Map<number, StateStyle>;
  private readonly batch = new RectBatch();
  dpr = 1;

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: true });
    if (!ctx) throw new Error('canvas 2d is not available');
    this.ctx = ctx;
  }

  setPalette(p: Palette): void {
    this.palette = p;
    this.styles = stateStyles(p);
  }

  getStyles(): Map<number, StateStyle> {
    return this.styles;
  }

  /** Sizes the canvas; returns true when that cleared what was drawn (its backing size changed). */
  resize(width: number, height: number, dpr: number): boolean {
    this.dpr = dpr;
    const w = Math.max(1, Math.round(width * dpr));
    const h = Math.max(1, Math.round(height * dpr));
    const cleared = this.canvas.width !== w || this.canvas.height !== h;
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    return cleared;
  }

  /** Moves what is drawn by dx CSS pixels (dx rounded to device pixels by the caller). */
  shift(dx: number): void {
    const ctx = this.ctx;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(this.canvas, Math.round(dx * this.dpr), 0);
    ctx.restore();
  }

  /** Draws a frame; returns how many arrows were too dense to draw. */
  draw(input: FrameInput): { hiddenArrows: number } {
    const { ctx, palette } = this;
    const { model, layout } = input;
    let view = input.view;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.save();
    if (input.clip) {
      const x0 = Math.max(0, Math.floor(input.clip.x0) - 2);
      const x1 = Math.min(view.width, Math.ceil(input.clip.x1) + 2);
      ctx.beginPath();
      ctx.rect(x0, 0, x1 - x0, view.height);
      ctx.clip();
      ctx.clearRect(x0, 0, x1 - x0, view.height);
      // Walk only the clipped time range (a live batch's, or the strip a follow scroll exposed).
      const t0 = Math.max(view.t0, (x0 - 4 - view.x.b) / view.x.k);
      const t1 = Math.min(view.t1, (x1 + 4 - view.x.b) / view.x.k);
      view = { ...view, t0, t1 };
    } else {
      ctx.clearRect(0, 0, view.width, view.height);
    }
    ctx.translate(0, -view.scrollTop);
    const top = view.scrollTop;
    const bottom = view.scrollTop + view.height;

    // Grid.
    ctx.strokeStyle = palette.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const x of input.ticks) {
      ctx.moveTo(Math.round(x) + 0.5, top);
      ctx.lineTo(Math.round(x) + 0.5, bottom);
    }
    ctx.stroke();

    const pc: PaintContext = {
      ctx, model, view, palette, styles: this.styles, hiddenCategories: input.hiddenCategories, batch: this.batch, labels: [],
    };
    this.batch.begin(view.width, view.height, view.scrollTop);
    const openCpu = model.openCpu();
    const shownWorkers = [...layout.workerRow.keys()].map((pid) => model.workers.get(pid)).filter((w) => w !== undefined);
    for (const row of layout.rows) {
      if (row.y + row.h < top || row.y > bottom) continue;
      if (row.kind === 'header') {
        ctx.fillStyle = palette.header;
        ctx.fillRect(0, row.y, view.width, row.h);
        continue;
      }
      // Lane separator.
      this.batch.add(palette.grid, 0, row.y + row.h - 1, view.width, 1);
      if (row.kind === 'util') {
        paintUtil(pc, shownWorkers, row.y, row.h);
        continue;
      }
      const lane = row.lane;
      switch (lane.kind) {
        case 'worker': paintWorker(pc, lane, row.y, row.h); break;
        case 'lock': paintLock(pc, lane, row.y, row.h); break;
        case 'memory': paintMemory(pc, lane, row.y, row.h); break;
        case 'core': paintCore(pc, lane, row.y, row.h, openCpu); break;
      }
    }
    this.batch.flush(ctx);
    const hiddenArrows = paintFlows(pc, layout);
    paintFindings(pc, layout, input.findings);

    // Text last, over everything; trace strings are drawn with fillText, never parsed.
    ctx.font = `${palette.fontSize - 1}px ${palette.font}`;
    ctx.textBaseline = 'alphabetic';
    for (const [text, x, y, max] of pc.labels) {
      ctx.fillStyle = palette.background;
      const w = Math.min(ctx.measureText(text).width, max);
      ctx.globalAlpha = 0.6;
      ctx.fillRect(x - 1, y - palette.fontSize + 2, w + 2, palette.fontSize);
      ctx.globalAlpha = 1;
      ctx.fillStyle = palette.foreground;
      ctx.fillText(text, x, y, max);
    }
    ctx.restore();
    return { hiddenArrows };
  }
}
