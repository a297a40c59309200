/** Paints the lanes themselves: worker states and ticks, locks, memory, cores, utilisation. */
import type { CoreLane, LockLane, MemoryLane, WorkerLane } from '../model/lanes';
import { Point, State } from '../model/states';
import type { TraceModel } from '../model/trace-model';
import { forEachPointPixel, forEachSpanRun } from './lod';
import type { Palette } from './palette';
import type { StateStyle } from './patterns';
import { RectBatch } from './rect-batch';
import type { FrameView } from './view';

export interface PaintContext {
  ctx: CanvasRenderingContext2D;
  model: TraceModel;
  view: FrameView;
  palette: Palette;
  styles: Map<number, StateStyle>;
  hiddenCategories: ReadonlySet<string>;
  batch: RectBatch;
  /** Text labels to draw after the fills: [text, x, y, maxWidth]. */
  labels: [string, number, number, number][];
}

const MAX_LABELS = 160;

function clampX(view: FrameView, x0: number, x1: number): [number, number] {
  return [Math.max(x0, -2), Math.min(x1, view.width + 2)];
}

function addState(pc: PaintContext, state: number, x0: number, x1: number, top: number, h: number): void {
  const style = pc.styles.get(state);
  if (!style) return;
  const [a, b] = clampX(pc.view, x0, x1);
  if (b <= a) return;
  const hh = Math.max(2, Math.round(h * style.height));
  pc.batch.add(b - a >= 6 ? style.fill : style.solid, a, top + h - hh, Math.max(b - a, 1), hh);
}

function label(pc: PaintContext, text: string, x0: number, x1: number, y: number): void {
  const [a, b] = clampX(pc.view, x0, x1);
  if (b - a < 36 || pc.labels.length >= MAX_LABELS) return;
  pc.labels.push([text, a + 3, y, b - a - 6]);
}

function pointColor(p: Palette, category: number): string {
  switch (category) {
    case Point.READ: return p.read;
    case Point.WRITE: return p.write;
    case Point.QUEUE_PUT:
    case Point.QUEUE_GET: return p.flowQueue;
    case Point.TASK: return p.task;
    case Point.ERROR: return p.race;
    case Point.MARK: return p.mark;
    default: return p.muted;
  }
}

function pointHidden(hidden: ReadonlySet<string>, category: number): boolean {
  switch (category) {
    case Point.READ:
    case Point.WRITE: return hidden.has('memory');
    case Point.LOCK:
    case Point.SYNC: return hidden.has('locks');
    case Point.QUEUE_PUT:
    case Point.QUEUE_GET: return hidden.has('queues');
    case Point.TASK: return hidden.has('tasks');
    case Point.MARK: return hidden.has('markers');
    default: return false;
  }
}

export function paintWorker(pc: PaintContext, w: WorkerLane, y: number, h: number): void {
  const { view, model, palette } = pc;
  const barTop = y + 7;
  const barH = h - 14;
  if (!pc.hiddenCategories.has('states')) {
    forEachSpanRun(w.spans, view.x, view.t0, view.t1, (x0, x1, state) => addState(pc, state, x0, x1, barTop, barH));
    if (w.open && w.open.start <= view.t1 && model.endTime >= view.t0) {
      addState(pc, w.open.state, w.open.start * view.x.k + view.x.b, model.endTime * view.x.k + view.x.b, barTop, barH);
    }
  }
  // Ticks above the bar: one per pixel column (adjacent columns of one kind merge into one
  // rectangle); writes and queue operations taller than reads.
  const marks: number[] = [];
  let runCat = -1;
  let runX0 = 0;
  let runX1 = 0;
  const flushTicks = (): void => {
    if (runCat < 0) return;
    const tall = runCat === Point.WRITE || runCat === Point.ERROR || runCat === Point.QUEUE_PUT || runCat === Point.QUEUE_GET;
    pc.batch.add(pointColor(palette, runCat), runX0, tall ? y + 1 : y + 3, runX1 - runX0, tall ? 5 : 3);
    runCat = -1;
  };
  forEachPointPixel(w.points, view.x, view.t0, view.t1, (px, category, i) => {
    if (pointHidden(pc.hiddenCategories, category)) return;
    if (category === Point.MARK) { marks.push(px, w.points.ref[i]); return; }
    if (category === runCat && px <= runX1) { runX1 = px + 1; return; }
    flushTicks();
    runCat = category;
    runX0 = px;
    runX1 = px + 1;
  });
  flushTicks();
  // User spans and pool tasks: a bracket under the bar, labelled when wide enough.
  if (!pc.hiddenCategories.has('markers') || !pc.hiddenCategories.has('tasks')) {
    const bracket = (x0: number, x1: number, state: number, ref: number): void => {
      if (pc.hiddenCategories.has(state === State.TASK ? 'tasks' : 'markers')) return;
      const [a, b] = clampX(view, x0, x1);
      if (b <= a) return;
      const color = state === State.TASK ? palette.task : palette.mark;
      pc.batch.add(color, a, y + h - 5, Math.max(1, b - a), 2);
      pc.batch.add(color, a, y + h - 7, 1, 4);
      if (b - a > 2) pc.batch.add(color, b - 1, y + h - 7, 1, 4);
      if (ref >= 0) label(pc, markText(model, ref, state), a, b, y + h - 8);
    };
    forEachSpanRun(w.marks, view.x, view.t0, view.t1, (x0, x1, state, i) => bracket(x0, x1, state, x1 - x0 >= 36 ? w.marks.ref[i] : -1));
    for (const m of w.openMarks) bracket(m.start * view.x.k + view.x.b, model.endTime * view.x.k + view.x.b, m.state, m.ref);
  }
  // Markers: a diamond with the label beside it (drawn as canvas text, never markup).
  for (let i = 0; i < marks.length; i += 2) {
    const px = marks[i];
    pc.batch.add(palette.mark, px - 2, y + 1, 5, 5);
    if (marks.length < 120) {
      const text = model.name(model.store.slot(marks[i + 1], 4)) ?? '';
      if (text && pc.labels.length < MAX_LABELS) pc.labels.push([text, px + 5, y + 6, 140]);
    }
  }
  paintDeath(pc, w, y, h);
}

/** A worker that died: its end marked on its lane (a red bar) with the error's first line. */
function paintDeath(pc: PaintContext, w: WorkerLane, y: number, h: number): void {
  const { view, model, palette } = pc;
  if (w.exitRef < 0) return;
  const t = model.store.slot(w.exitRef, 0);
  const code = model.store.slot(w.exitRef, 4);
  const errId = model.store.slot(w.exitRef, 5);
  const error = (errId >= 0 ? model.name(errId) : undefined) ?? model.footer?.processes.find((p) => p.id === w.pid)?.error ?? null;
  if (!error && code === 0) return;
  if (t < view.t0 || t > view.t1) return;
  const x = Math.round(t * view.x.k + view.x.b);
  pc.batch.add(palette.race, x - 1, y + 2, 3, h - 4);
  const text = `✖ ${(error ?? `exit code ${code}`).split('\n')[0]}`;
  // Beside the end, on the side with room (a death near the right edge is labelled on its left).
  const room = view.width - x - 8;
  if (room >= 120) pc.labels.push([text, x + 6, y + h / 2 + 4, Math.min(360, room)]);
  else pc.labels.push([text, Math.max(2, x - 366), y + h / 2 + 4, Math.min(360, x - 8)]);
}

function markText(model: TraceModel, ref: number, state: number): string {
  if (state === State.TASK) return `task ${model.store.slot(ref, 4)}`;
  return model.name(model.store.slot(ref, 4)) ?? 'span';
}

export function paintLock(pc: PaintContext, l: LockLane, y: number, h: number): void {
  const { view, model } = pc;
  const holdTop = y + 2;
  const holdH = h - 9;
  const waitTop = y + h - 6;
  const holderLabel = (x0: number, x1: number, ref: number): void => {
    if (x1 - x0 < 50) return;
    label(pc, model.processName(model.store.slot(ref, 2)), x0, x1, holdTop + holdH - 2);
  };
  forEachSpanRun(l.holds, view.x, view.t0, view.t1, (x0, x1, state, i) => {
    addState(pc, state, x0, x1, holdTop, holdH);
    // Name the holder only when this run is that one hold (merged runs hold many holders).
    if ((l.holds.end[i] - l.holds.start[i]) * view.x.k >= x1 - x0 - 1) holderLabel(x0, x1, l.holds.ref[i]);
  });
  for (const hold of l.openHolds.values()) {
    const x0 = hold.start * view.x.k + view.x.b;
    const x1 = model.endTime * view.x.k + view.x.b;
    addState(pc, l.openWaits.size > 0 ? State.CONTENDED : State.HOLDING, x0, x1, holdTop, holdH);
    holderLabel(x0, x1, hold.ref);
  }
  forEachSpanRun(l.waits, view.x, view.t0, view.t1, (x0, x1, state) => addState(pc, state, x0, x1, waitTop, 4));
  for (const wait of l.openWaits.values()) {
    addState(pc, State.LOCK_WAIT, wait.start * view.x.k + view.x.b, model.endTime * view.x.k + view.x.b, waitTop, 4);
  }
}

export function paintMemory(pc: PaintContext, m: MemoryLane, y: number, h: number): void {
  if (pc.hiddenCategories.has('memory')) return;
  const { view, palette } = pc;
  let runCat = -1;
  let runX0 = 0;
  let runX1 = 0;
  const flush = (): void => {
    if (runCat === Point.WRITE) pc.batch.add(palette.write, runX0, y + 3, runX1 - runX0, h - 6);
    else if (runCat >= 0) pc.batch.add(palette.read, runX0, y + h / 2, runX1 - runX0, h / 2 - 3);
    runCat = -1;
  };
  forEachPointPixel(m.points, view.x, view.t0, view.t1, (px, category) => {
    if (category === runCat && px <= runX1) { runX1 = px + 1; return; }
    flush();
    runCat = category;
    runX0 = px;
    runX1 = px + 1;
  });
  flush();
}

export function paintCore(pc: PaintContext, c: CoreLane, y: number, h: number, open: [number, number, number][]): void {
  const { view, model, palette } = pc;
  const series = palette.series;
  const add = (x0: number, x1: number, pid: number, wide: boolean): void => {
    const [a, b] = clampX(view, x0, x1);
    if (b <= a) return;
    pc.batch.add(series[pid % series.length], a, y + 2, Math.max(1, b - a), h - 4);
    if (wide) label(pc, model.processName(pid), a, b, y + h - 4);
  };
  forEachSpanRun(c.spans, view.x, view.t0, view.t1, (x0, x1, state, i) => {
    const wide = x1 - x0 >= 36 && (c.spans.end[i] - c.spans.start[i]) * view.x.k >= x1 - x0 - 1;
    add(x0, x1, wide ? c.spans.ref[i] : state, wide);
  });
  for (const [pid, cpu, start] of open) {
    if (cpu === c.cpu) add(start * view.x.k + view.x.b, model.endTime * view.x.k + view.x.b, pid, true);
  }
}

/** Running workers per pixel, as an area chart (how parallel the run was, moment by moment). */
export function paintUtil(pc: PaintContext, workers: WorkerLane[], y: number, h: number): void {
  const { view, ctx, palette, model } = pc;
  const width = Math.ceil(view.width);
  const running = new Float32Array(width + 1);
  const addRange = (x0: number, x1: number): void => {
    const a = Math.max(0, x0);
    const b = Math.min(width, x1);
    for (let px = Math.floor(a); px < b; px++) {
      const c = Math.min(b, px + 1) - Math.max(a, px);
      if (c > 0) running[px] += c;
    }
  };
  // Exact running time per pixel column from prefix sums (not the dominant state per pixel,
  // which would hide a worker that runs 10% of every pixel).
  const pxMs = 1 / view.x.k;
  for (const w of workers) {
    let prev = w.spans.timeInStateBefore(State.RUNNING, (0 - view.x.b) / view.x.k);
    for (let px = 0; px < width; px++) {
      const next = w.spans.timeInStateBefore(State.RUNNING, (px + 1 - view.x.b) / view.x.k);
      running[px] += (next - prev) / pxMs;
      prev = next;
    }
    if (w.open && w.open.state === State.RUNNING) addRange(w.open.start * view.x.k + view.x.b, model.endTime * view.x.k + view.x.b);
  }
  // A fixed scale (not the visible maximum), so a frame redrawn in part matches the rest.
  const cap = Math.max(1, model.header?.cpuCount ?? 1, workers.length);
  const top = y + 3;
  const hh = h - 6;
  ctx.fillStyle = palette.running;
  ctx.globalAlpha = 0.55;
  ctx.beginPath();
  ctx.moveTo(0, top + hh);
  for (let px = 0; px < width; px++) ctx.lineTo(px, top + hh - (running[px] / cap) * hh);
  ctx.lineTo(width, top + hh);
  ctx.fill();
  ctx.globalAlpha = 1;
  // The CPU count as a dashed reference line.
  const cpus = model.header?.cpuCount ?? 0;
  if (cpus > 0 && cpus <= cap) {
    const ly = top + hh - (cpus / cap) * hh;
    ctx.strokeStyle = palette.muted;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(0, ly + 0.5);
    ctx.lineTo(width, ly + 0.5);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
