/**
 * Drawing is scheduled, never immediate: every change says what must be redrawn (everything, an
 * x range after a live batch, or only the overlay), and one requestAnimationFrame does it all.
 *
 * A frame is one of: 'full' (the lanes canvas redrawn), 'clip' (only an x range: what a live
 * batch changed), 'shift' (a followed live run moved the view by whole pixels at the same zoom:
 * what is drawn moves with one drawImage and only the strip that came into view is drawn), or
 * 'overlay' (hover, selection, brush: the lanes canvas is kept).
 */
import type { ScaleLinear } from 'd3-scale';
import type { FrameInput, TimelineRenderer } from './timeline-renderer';
import type { FrameView } from './view';

export type FrameKind = 'full' | 'clip' | 'shift' | 'overlay';

export interface Invalidation {
  full?: boolean;
  /** Plot x range to redraw. */
  clip?: [number, number];
  overlay?: boolean;
  /** Anything other than the time range changed (layout, filters, palette, size, findings). */
  structural?: boolean;
}

/** Frame timings, read by the benchmark and tests. */
export interface RenderStats {
  frames: number[];
  /** When true, each frame reads a pixel back so its time includes rasterization (benchmark). */
  flush: boolean;
  firstPaintAt: number | null;
  loadStartedAt: number | null;
}

/** What a frame reads from the app. */
export interface FrameSource {
  readonly renderer: TimelineRenderer;
  readonly root: HTMLElement;
  x(): ScaleLinear<number, number>;
  scrollTop(): number;
  /** Draws the axis for this scale; returns the grid lines' x. */
  axis(x: ScaleLinear<number, number>, width: number): number[];
  /** What to draw (the view, ticks and clip are the scheduler's). */
  content(): Omit<FrameInput, 'view' | 'ticks' | 'clip'>;
  drawn(result: { hiddenArrows: number }): void;
  overlay(view: FrameView): void;
  hasEvents(): boolean;
}

export class FrameScheduler {
  readonly stats: RenderStats = { frames: [], flush: false, firstPaintAt: null, loadStartedAt: null };
  /** What the last frame drew. */
  view: FrameView = { width: 1, height: 1, scrollTop: 0, x: { k: 1, b: 0 }, t0: 0, t1: 1 };
  private pending: { full: boolean; clip: [number, number] | null; overlay: boolean; structural: boolean } = { full: false, clip: null, overlay: false, structural: false };
  /** Bumped by structural changes: a frame can reuse pixels only when nothing else changed. */
  private version = 0;
  private drawnVersion = -1;
  private requested = false;

  constructor(private readonly src: FrameSource) {}

  invalidate(what: Invalidation): void {
    const p = this.pending;
    if (what.full) p.full = true;
    if (what.structural) { p.full = true; p.structural = true; this.version++; }
    if (what.clip) {
      const [a, b] = what.clip[0] <= what.clip[1] ? what.clip : [what.clip[1], what.clip[0]];
      p.clip = p.clip ? [Math.min(p.clip[0], a), Math.max(p.clip[1], b)] : [a, b];
    }
    if (what.overlay) p.overlay = true;
    if (!this.requested) {
      this.requested = true;
      requestAnimationFrame(() => this.frame());
    }
  }

  /** Draws now (tests and the benchmark call this to time one frame); returns its milliseconds. */
  frame(): number {
    this.requested = false;
    const p = this.pending;
    this.pending = { full: false, clip: null, overlay: false, structural: false };
    const started = performance.now();
    let kind: FrameKind = 'overlay';
    if (p.full || p.clip) kind = this.drawLanes(p);
    this.src.overlay(this.view);
    const { stats, src } = this;
    if (stats.flush) src.renderer.canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    const ms = performance.now() - started;
    if (kind !== 'overlay') {
      stats.frames.push(ms);
      if (stats.frames.length > 5000) stats.frames.splice(0, 1000);
      if (stats.firstPaintAt === null && src.hasEvents()) stats.firstPaintAt = performance.now();
    }
    src.root.dataset.frames = String(stats.frames.length);
    src.root.dataset.lastFrame = kind;
    return ms;
  }

  private drawLanes(p: { full: boolean; clip: [number, number] | null; structural: boolean }): FrameKind {
    const { src } = this;
    const renderer = src.renderer;
    const x = src.x();
    const [t0, t1] = x.domain();
    const [r0, r1] = x.range();
    const k = (r1 - r0) / (t1 - t0);
    const width = parseFloat(renderer.canvas.style.width) || 1;
    const height = parseFloat(renderer.canvas.style.height) || 1;
    const before = this.view;
    const next: FrameView = { width, height, scrollTop: src.scrollTop(), x: { k, b: r0 - t0 * k }, t0, t1 };
    let clip: { x0: number; x1: number } | undefined = p.full ? undefined : p.clip ? { x0: p.clip[0], x1: p.clip[1] } : undefined;
    let kind: FrameKind = clip ? 'clip' : 'full';
    const dpr = renderer.dpr;
    const dx = Math.round((next.x.b - before.x.b) * dpr) / dpr;
    if (p.full && !p.structural && this.drawnVersion === this.version && before.width === width && before.height === height &&
        before.scrollTop === next.scrollTop && Math.abs(next.x.k - before.x.k) <= 1e-9 * before.x.k && dx < 0 && -dx < width) {
      next.x.b = before.x.b + dx;
      next.t0 = -next.x.b / k;
      next.t1 = (width - next.x.b) / k;
      renderer.shift(dx);
      clip = { x0: Math.min(width + dx, p.clip ? p.clip[0] : Infinity), x1: width };
      kind = 'shift';
    }
    this.view = next;
    const ticks = src.axis(x, width);
    const drawn = renderer.draw({ ...src.content(), view: next, ticks, clip });
    this.drawnVersion = this.version;
    src.drawn(drawn);
    return kind;
  }
}

/**
 * What a live batch makes to redraw: everything when it added lanes; when the view stayed, only
 * the time it changed (plot x of its earliest change to the end); when a followed view moved, a
 * full frame (which the scheduler turns into a shift when it can).
 */
export function afterBatch(before: readonly [number, number], after: readonly [number, number], changedFrom: number, end: number, x: (t: number) => number, lanesChanged: boolean): Invalidation | null {
  if (lanesChanged) return { structural: true };
  const changed: [number, number] | undefined = Number.isFinite(changedFrom) ? [x(changedFrom), x(end)] : undefined;
  if (!sameRange(before, after)) return { full: true, clip: changed };
  return changed ? { clip: changed } : null;
}

export function sameRange(a: readonly [number, number], b: readonly [number, number]): boolean {
  const eps = Math.max(1e-12, (b[1] - b[0]) * 1e-9);
  return Math.abs(a[0] - b[0]) <= eps && Math.abs(a[1] - b[1]) <= eps;
}
