/**
 * Everything that comes in from the user and the page besides the toolbar: size changes, lane
 * scrolling, the pointer and keys on the plot, and a theme change. Each is routed to what the
 * app gave here; nothing is decided in this file.
 */
import { watchTheme } from '../render/plot-canvases';
import type { Commands } from './commands';
import type { Hit } from './hit';
import { wireKeys } from './keyboard';
import { wirePointer } from './pointer';
import type { Selection } from './selection';
import type { Shell } from './shell';
import type { Tooltip } from './tooltip';

export interface InputRoutes {
  shell: Shell;
  selection: Selection;
  tooltip: Tooltip;
  commands: Commands;
  hitAt(px: number, py: number): Hit | null;
  resized(): void;
  scrolled(): void;
  themeChanged(): void;
}

export function wireInput(r: InputRoutes): void {
  const { scroller, plot, root } = r.shell;
  // The whole page, not the scroller: folding the side panel changes the scroller, not the page.
  new ResizeObserver(() => r.resized()).observe(root);
  scroller.addEventListener('scroll', () => r.scrolled());
  wirePointer(plot, {
    hover: (px, py, cx, cy) => r.selection.hoverOver(r.hitAt(px, py), cx, cy),
    leave: () => r.selection.leave(),
    click: (px, py) => r.selection.select(r.hitAt(px, py)),
    open: (px, py) => {
      const hit = r.hitAt(px, py);
      if (hit && r.selection.sourceOf(hit)) r.selection.select(hit, true);
      else r.commands.zoomAt(2, px);
    },
    dragging: () => r.tooltip.hide(),
    scrollLanes: (dy) => { scroller.scrollTop += dy; },
  });
  wireKeys(plot, r.commands);
  watchTheme(() => r.themeChanged());
}
