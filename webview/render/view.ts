/** What one frame draws: the visible time range, its x mapping, and the visible rows. */
import type { XMap } from './lod';

export interface FrameView {
  /** Plot size in CSS pixels. */
  width: number;
  height: number;
  /** Vertical scroll of the lanes area (CSS pixels). */
  scrollTop: number;
  x: XMap;
  t0: number;
  t1: number;
}

export function timeAt(view: FrameView, px: number): number {
  return (px - view.x.b) / view.x.k;
}
