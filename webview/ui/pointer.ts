/**
 * The pointer on the plot: hover (not while a button is down: that is a pan), leave, click (selects:
 * it never leaves the timeline), double-click (opens the source, an explicit act), and
 * Shift+wheel to scroll the lanes (a plain wheel zooms: d3-zoom has it). Coordinates are handed
 * on in plot pixels; what is under them is the app's question (ui/hit.ts).
 */

export interface PointerActions {
  hover(px: number, py: number, clientX: number, clientY: number): void;
  leave(): void;
  click(px: number, py: number): void;
  /** Double-click: open what is there (its source), or zoom in where nothing is. */
  open(px: number, py: number): void;
  /** A press that pans hides the tooltip. */
  dragging(): void;
  scrollLanes(dy: number): void;
}

export function wirePointer(plot: HTMLElement, a: PointerActions): void {
  const local = (e: MouseEvent): [number, number] => {
    const r = plot.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  plot.addEventListener('wheel', (e) => {
    if (!e.shiftKey) return;
    a.scrollLanes(e.deltaY || e.deltaX);
    e.preventDefault();
  }, { passive: false });
  plot.addEventListener('pointermove', (e) => {
    if (e.buttons !== 0) { a.dragging(); return; }
    const [px, py] = local(e);
    a.hover(px, py, e.clientX, e.clientY);
  });
  plot.addEventListener('pointerleave', () => a.leave());
  plot.addEventListener('click', (e) => {
    const [px, py] = local(e);
    a.click(px, py);
  });
  plot.addEventListener('dblclick', (e) => {
    const [px, py] = local(e);
    a.open(px, py);
  });
}
