/**
 * The page around the canvas: toolbar on top, then the timeline (time axis, and a scroller with
 * the gutter beside the sticky plot) next to the side panel, the status line at the bottom, and
 * the tooltip. Only structure here; every part fills its own element.
 */
import { el } from './dom';
import { formatMs } from './format';
import { PLOT_KEYS_LABEL } from './keyboard';
import { type Arrangement, GUTTER_MAX } from './responsive';

export const AXIS_H = 30;

export interface Shell {
  root: HTMLElement;
  axisSvg: SVGSVGElement;
  scroller: HTMLElement;
  lanes: HTMLElement;
  gutter: HTMLElement;
  plot: HTMLElement;
  canvas: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
  status: HTMLElement;
  note: HTMLElement;
  corner: HTMLElement;
  main: HTMLElement;
  side: HTMLElement;
}

export function buildShell(container: HTMLElement, toolbar: HTMLElement, side: HTMLElement, tooltip: HTMLElement): Shell {
  const axisSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  axisSvg.setAttribute('class', 'il-axis');
  axisSvg.setAttribute('aria-label', 'Time axis; drag to select a range');
  const corner = el('div', { class: 'il-corner', style: `width:${GUTTER_MAX}px`, text: 'time →' });
  const axisRow = el('div', { class: 'il-axis-row' }, corner);
  axisRow.append(axisSvg);
  const gutter = el('div', { class: 'il-gutter', role: 'group', 'aria-label': 'Lanes', style: `width:${GUTTER_MAX}px` });
  const canvas = el('canvas', { class: 'il-canvas', 'aria-hidden': 'true' });
  const overlay = el('canvas', { class: 'il-overlay', 'aria-hidden': 'true' });
  const plot = el('div', { class: 'il-plot', tabindex: 0, role: 'application', 'aria-label': PLOT_KEYS_LABEL, style: `margin-left:${GUTTER_MAX}px` }, canvas, overlay);
  const lanes = el('div', { class: 'il-lanes' }, gutter, plot);
  const scroller = el('div', { class: 'il-scroller' }, lanes);
  const timeline = el('section', { class: 'il-timeline', 'aria-label': 'Timeline' }, axisRow, scroller);
  const status = el('span', { text: 'No trace loaded.' });
  const note = el('span', { class: 'il-note' });
  const footer = el('footer', { class: 'il-status', role: 'status' }, status, note);
  const main = el('div', { class: 'il-main il-side-beside' }, timeline, side);
  const root = el('div', { class: 'il-app' }, toolbar, main, footer, tooltip);
  container.append(root);
  return { root, axisSvg, scroller, lanes, gutter, plot, canvas, overlay, status, note, corner, main, side };
}

/** Applies an arrangement (ui/responsive.ts): the gutter's width and where the side panel sits. */
export function arrangeShell(shell: Shell, arr: Arrangement): void {
  shell.corner.style.width = `${arr.gutter}px`;
  shell.gutter.style.width = `${arr.gutter}px`;
  shell.plot.style.marginLeft = `${arr.gutter}px`;
  for (const where of ['beside', 'below', 'hidden'] as const) shell.main.classList.toggle(`il-side-${where}`, arr.side === where);
  shell.side.hidden = arr.side === 'hidden';
}

/** Marks the start-up folded away left of the first view (model/first-view.ts) in the axis corner. */
export function showStartUp(shell: Shell, ms: number): void {
  const text = ms > 0 ? `◂ start-up ${formatMs(ms)}` : 'time →';
  if (shell.corner.textContent === text) return;
  shell.corner.textContent = text;
  shell.corner.title = ms > 0
    ? `The run's start-up (${formatMs(ms)}, before the first worker ran) is left of this view: zoom out (−) to see it. Fit (0) frames the workers' activity.`
    : '';
  shell.corner.classList.toggle('il-startup', ms > 0);
}

/**
 * Sizes the plot and its two canvases to the scroller (the lanes may be taller: they scroll);
 * `cleared` says the lanes canvas lost what it showed. Draw it again at once then: resize
 * observers run after the frame's animation callbacks, so a redraw scheduled from one shows a
 * blank plot for a whole frame (a flash to the user; an empty canvas to a test that reads it).
 */
export function sizePlot(shell: Shell, gutter: number, lanesHeight: number, sizeLanesCanvas: (width: number, height: number, dpr: number) => boolean): { width: number; height: number; cleared: boolean } {
  const { scroller, lanes, plot, overlay } = shell;
  const width = Math.max(50, scroller.clientWidth - gutter);
  const height = Math.max(50, scroller.clientHeight);
  lanes.style.height = `${Math.max(lanesHeight, height)}px`;
  plot.style.height = `${height}px`;
  const dpr = window.devicePixelRatio || 1;
  const cleared = sizeLanesCanvas(width, height, dpr);
  // (assigning a canvas size, even the same one, reallocates and clears it)
  if (overlay.width !== Math.round(width * dpr)) overlay.width = Math.round(width * dpr);
  if (overlay.height !== Math.round(height * dpr)) overlay.height = Math.round(height * dpr);
  overlay.style.width = `${width}px`;
  overlay.style.height = `${height}px`;
  return { width, height, cleared };
}
