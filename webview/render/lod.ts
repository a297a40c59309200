/**
 * Level of detail. A view of a million events is a few thousand pixels wide, so drawing walks
 * pixels, not events: spans at least a pixel wide are drawn as they are; narrower ones are merged
 * into one-pixel buckets coloured by the state that covers most of the pixel (examining a handful
 * of spans, then jumping to the next pixel with a binary search); adjacent buckets of one state
 * become one rectangle. Points are bucketed the same way: one tick per pixel column.
 * Cost: O(visible wide spans + pixels × log n), whatever the zoom.
 *
 * Coordinate space: x = t * k + b, in CSS pixels of the plot (t in trace milliseconds).
 */
import { type PointColumn, type SpanColumn, gallop } from '../model/columns';

export interface XMap {
  k: number;
  b: number;
}

const EXAMINE = 12;
const cover = new Float64Array(256);
const used = new Uint8Array(EXAMINE);

export type SpanEmit = (x0: number, x1: number, state: number, index: number) => void;

export function forEachSpanRun(col: SpanColumn, x: XMap, t0: number, t1: number, emit: SpanEmit): void {
  const n = col.length;
  if (n === 0) return;
  let i = col.firstReaching(t0);
  const S = col.start;
  const E = col.end;
  const st = col.state;
  const { k, b } = x;
  let runX0 = 0;
  let runX1 = -Infinity;
  let runState = -1;
  let runIndex = -1;
  while (i < n) {
    const s = S[i];
    if (s > t1) break;
    const e = E[i];
    if (e < t0) { i++; continue; }
    const xs = s * k + b;
    const xe = e * k + b;
    if (xe - xs >= 1) {
      if (runState === st[i] && xs <= runX1 + 0.5) {
        if (xe > runX1) runX1 = xe;
      } else {
        if (runState >= 0) emit(runX0, runX1, runState, runIndex);
        runX0 = xs; runX1 = xe; runState = st[i]; runIndex = i;
      }
      i++;
      continue;
    }
    // Narrow spans starting in pixel px: pick the state covering most of it.
    const px = Math.floor(xs);
    const pxEnd = px + 1;
    let examined = 0;
    let best = st[i];
    let bestCover = -1;
    let j = i;
    while (j < n && examined < EXAMINE) {
      const xj = S[j] * k + b;
      if (xj >= pxEnd) break;
      const xej = E[j] * k + b;
      if (xej - xj >= 1 && j !== i) break;
      const state = st[j];
      const c = (xej < pxEnd ? xej : pxEnd) - (xj > px ? xj : px);
      if (cover[state] === 0) used[examined] = state;
      else used[examined] = 255;
      cover[state] += c > 0 ? c : 0;
      if (cover[state] > bestCover) { bestCover = cover[state]; best = state; }
      examined++;
      j++;
    }
    for (let u = 0; u < examined; u++) if (used[u] !== 255) cover[used[u]] = 0;
    if (examined === EXAMINE && j < n && S[j] * k + b < pxEnd) j = gallop(S, j, n, (pxEnd - b) / k);
    if (runState === best && px <= runX1 + 0.5) {
      if (pxEnd > runX1) runX1 = pxEnd;
    } else {
      if (runState >= 0) emit(runX0, runX1, runState, runIndex);
      runX0 = px; runX1 = pxEnd; runState = best; runIndex = i;
    }
    i = j > i ? j : i + 1;
  }
  if (runState >= 0) emit(runX0, runX1, runState, runIndex);
}

export type PointEmit = (px: number, category: number, index: number) => void;

/** One emit per pixel column that has points (the first point of that column). */
export function forEachPointPixel(col: PointColumn, x: XMap, t0: number, t1: number, emit: PointEmit): void {
  const n = col.length;
  if (n === 0) return;
  let i = col.firstAtOrAfter(t0);
  const T = col.time;
  const C = col.category;
  const { k, b } = x;
  while (i < n) {
    const t = T[i];
    if (t > t1) break;
    const px = Math.floor(t * k + b);
    emit(px, C[i], i);
    i++;
    if (i < n && T[i] * k + b < px + 1) i = gallop(T, i, n, (px + 1 - b) / k);
  }
}
