/**
 * How the timeline shares its width: the plot keeps at least half of it at any width (300 px
 * and up), because the plot is the product. The gutter shrinks with the width (labels are cut
 * with an ellipsis and keep the whole name in a tooltip); the side panel (findings, details,
 * range, legend) sits beside the plot only where both fit, and below it otherwise. The user's
 * toggle wins over the width and is remembered with the view state; without one, the width
 * decides (the breakpoint below).
 */

/** Widest and narrowest lane-label gutter, in CSS pixels. */
export const GUTTER_MAX = 210;
export const GUTTER_MIN = 72;
/** The gutter takes this share of the width between its bounds. */
const GUTTER_SHARE = 0.16;
export const SIDE_WIDTH = 320;
/** At and above this width the side panel opens beside the plot by itself: with the widest
 *  gutter and the panel, the plot still has half (2·(210+320) = 1060). */
export const SIDE_BREAKPOINT = 2 * (GUTTER_MAX + SIDE_WIDTH);

export type SideChoice = 'open' | 'closed' | undefined;

export interface Arrangement {
  gutter: number;
  /** Where the side panel is: beside the plot, below it, or folded away (the toggle opens it). */
  side: 'beside' | 'below' | 'hidden';
  /** The plot's width: at least half the width. */
  plot: number;
}

export function gutterWidth(width: number): number {
  return Math.round(Math.min(GUTTER_MAX, Math.max(GUTTER_MIN, width * GUTTER_SHARE)));
}

/** The arrangement for a webview `width` CSS pixels wide, given the user's toggle (if any). */
export function arrange(width: number, choice: SideChoice): Arrangement {
  const open = choice === undefined ? width >= SIDE_BREAKPOINT : choice === 'open';
  const besideFits = width - SIDE_WIDTH - gutterWidth(width - SIDE_WIDTH) >= width / 2;
  const side = !open ? 'hidden' : besideFits ? 'beside' : 'below';
  const main = side === 'beside' ? width - SIDE_WIDTH : width;
  const gutter = gutterWidth(main);
  return { gutter, side, plot: Math.max(0, main - gutter) };
}
