/**
 * Collects the frame's rectangles and draws them in as few canvas operations as possible.
 *
 * Why: a zoomed-out lane is thousands of 1–3 px slivers (a state per pixel column, a tick per
 * column). Issued as canvas calls, each costs far more to record and rasterize than to compute;
 * that per-call cost, not our loops, is what made frames slow (measured with a forced readback).
 * So:
 *  - slivers (solid fills narrower than SLIVER px) are written straight into a pixel buffer and
 *    drawn with one drawImage, like a texture;
 *  - wider rectangles are grouped by fill (one fillStyle change per fill, as speedscope's batch
 *    renderer does) and drawn with fillRect, the rasterizer's fast path.
 * Order: slivers first, then wide rectangles (wide ones are the patterned states and separators).
 */
import type { Fill } from './patterns';

const SLIVER = 5;

export class RectBatch {
  private byFill = new Map<Fill, number[]>();
  private layer: HTMLCanvasElement | null = null;
  private image: ImageData | null = null;
  private pixels: Uint32Array | null = null;
  private width = 0;
  private height = 0;
  private top = 0;
  private dirty = false;
  private readonly colors = new Map<string, number>();
  private probe: CanvasRenderingContext2D | null = null;

  /** Starts a frame: the sliver buffer covers [0, width) × [top, top + height) in lanes space. */
  begin(width: number, height: number, top: number): void {
    const w = Math.max(1, Math.ceil(width));
    const h = Math.max(1, Math.ceil(height));
    if (!this.layer || this.width !== w || this.height !== h) {
      this.layer = document.createElement('canvas');
      this.layer.width = w;
      this.layer.height = h;
      const ctx = this.layer.getContext('2d');
      this.image = ctx ? ctx.createImageData(w, h) : null;
      this.pixels = this.image ? new Uint32Array(this.image.data.buffer) : null;
      this.width = w;
      this.height = h;
    } else if (this.dirty && this.pixels) {
      this.pixels.fill(0);
    }
    this.top = top;
    this.dirty = false;
  }

  /** RGBA of a CSS colour as a little-endian pixel word (via a 1×1 canvas, cached). */
  private rgba(color: string): number {
    let v = this.colors.get(color);
    if (v !== undefined) return v;
    if (!this.probe) {
      const c = document.createElement('canvas');
      c.width = 1;
      c.height = 1;
      this.probe = c.getContext('2d', { willReadFrequently: true });
    }
    const p = this.probe;
    if (!p) return 0;
    p.clearRect(0, 0, 1, 1);
    p.fillStyle = color;
    p.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = p.getImageData(0, 0, 1, 1).data;
    v = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
    this.colors.set(color, v);
    return v;
  }

  add(fill: Fill, x: number, y: number, w: number, h: number): void {
    if (typeof fill === 'string' && w < SLIVER && this.pixels) {
      this.sliver(fill, x, y, w, h);
      return;
    }
    let list = this.byFill.get(fill);
    if (!list) {
      list = [];
      this.byFill.set(fill, list);
    }
    list.push(x, y, w, h);
  }

  private sliver(color: string, x: number, y: number, w: number, h: number): void {
    const px = this.pixels as Uint32Array;
    const x0 = Math.max(0, Math.round(x));
    const x1 = Math.min(this.width, Math.max(Math.round(x + w), x0 + 1));
    const y0 = Math.max(0, Math.round(y - this.top));
    const y1 = Math.min(this.height, Math.round(y + h - this.top));
    if (x1 <= x0 || y1 <= y0) return;
    const v = this.rgba(color);
    const stride = this.width;
    for (let row = y0; row < y1; row++) {
      const base = row * stride;
      for (let col = x0; col < x1; col++) px[base + col] = v;
    }
    this.dirty = true;
  }

  flush(ctx: CanvasRenderingContext2D): void {
    if (this.dirty && this.layer && this.image) {
      const lctx = this.layer.getContext('2d');
      if (lctx) {
        lctx.putImageData(this.image, 0, 0);
        const smoothing = ctx.imageSmoothingEnabled;
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(this.layer, 0, this.top, this.width, this.height);
        ctx.imageSmoothingEnabled = smoothing;
      }
    }
    for (const [fill, list] of this.byFill) {
      ctx.fillStyle = fill;
      for (let i = 0; i < list.length; i += 4) ctx.fillRect(list[i], list[i + 1], list[i + 2], list[i + 3]);
    }
    this.byFill.clear();
  }
}
