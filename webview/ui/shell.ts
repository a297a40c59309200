/**
 * The page around the canvas: toolbar on top, then the timeline (time axis, and a scroller with
 * the gutter beside the sticky plot) next to the side panel, the status line at the bottom, and
 * the tooltip. Only structure here; every part fills its own element.
 */
import { el } from './dom';
import { PLOT_KEYS_LABEL } from './keyboard';

export const GUTTER = 210;
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
}

export function buildShell(container: HTMLElement, toolbar: HTMLElement, side: HTMLElement, tooltip: HTMLElement): Shell {
  const axisSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  axisSvg.setAttribute('class', 'il-axis');
  axisSvg.setAttribute('aria-label', 'Time axis; drag to select a range');
  const axisRow = el('div', { class: 'il-axis-row' }, el('div', { class: 'il-corner', style: `width:${GUTTER}px`, text: 'time →' }));
  axisRow.append(axisSvg);
  const gutter = el('div', { class: 'il-gutter', role: 'list', 'aria-label': 'Lanes', style: `width:${GUTTER}px` });
  const canvas = el('canvas', { class: 'il-canvas', 'aria-hidden': 'true' });
  const overlay = el('canvas', { class: 'il-overlay', 'aria-hidden': 'true' });
  const plot = el('div', { class: 'il-plot', tabindex: 0, role: 'application', 'aria-label': PLOT_KEYS_LABEL, style: `margin-left:${GUTTER}px` }, canvas, overlay);
  const lanes = el('div', { class: 'il-lanes' }, gutter, plot);
  const scroller = el('div', { class: 'il-scroller' }, lanes);
  const timeline = el('section', { class: 'il-timeline', 'aria-label': 'Timeline' }, axisRow, scroller);
  const status = el('span', { text: 'No trace loaded.' });
  const note = el('span', { class: 'il-note' });
  const footer = el('footer', { class: 'il-status', role: 'status' }, status, note);
  const root = el('div', { class: 'il-app' }, toolbar, el('div', { class: 'il-main' }, timeline, side), footer, tooltip);
  container.append(root);
  return { root, axisSvg, scroller, lanes, gutter, plot, canvas, overlay, status, note };
}

/** Sizes the plot and its two canvases to the scroller (the lanes may be taller: they scroll). */
export function sizePlot(shell: Shell, lanesHeight: number, sizeLanesCanvas: (width: number, height: number, dpr: number) => void): { width: number; height: number } {
  const { scroller, lanes, plot, overlay } = shell;
  const width = Math.max(50, scroller.clientWidth - GUTTER);
  const height = Math.max(50, scroller.clientHeight);
  lanes.style.height = `${Math.max(lanesHeight, height)}px`;
  plot.style.height = `${height}px`;
  const dpr = window.devicePixelRatio || 1;
  sizeLanesCanvas(width, height, dpr);
  // (assigning a canvas size, even the same one, reallocates and clears it)
  if (overlay.width !== Math.round(width * dpr)) overlay.width = Math.round(width * dpr);
  if (overlay.height !== Math.round(height * dpr)) overlay.height = Math.round(height * dpr);
  overlay.style.width = `${width}px`;
  overlay.style.height = `${height}px`;
  return { width, height };
}
