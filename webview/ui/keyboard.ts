/**
 * The plot's keys, in one table (the README and the plot's aria-label list the same keys):
 * arrows pan and move between lanes, + / − zoom, 0 fits, [ / ] step through events, Enter opens
 * the source, N jumps to the next finding, R shows statistics for the visible range (Shift+R
 * clears them), f toggles Follow live, D shows or hides the side panel, Escape clears the selection.
 */
import type { Commands } from './commands';

export const PLOT_KEYS_LABEL =
  'Timeline plot. Arrow keys pan and move between lanes, + and − zoom, 0 fits, [ and ] step through events, Enter opens the source, N jumps to the next finding, R shows statistics for the visible range (Shift+R clears them), D shows or hides the details panel.';

/** Runs the action of a key; returns false for keys the plot does not use. */
export function runKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>, a: Commands): boolean {
  switch (e.key) {
    case 'ArrowLeft': a.pan(e.shiftKey ? -0.5 : -0.1); return true;
    case 'ArrowRight': a.pan(e.shiftKey ? 0.5 : 0.1); return true;
    case '+': case '=': a.zoomBy(1.5); return true;
    case '-': case '_': a.zoomBy(1 / 1.5); return true;
    case '0': case 'Home': a.fit(); return true;
    case 'ArrowDown': a.moveLane(1); return true;
    case 'ArrowUp': a.moveLane(-1); return true;
    case ']': a.stepEvent(1); return true;
    case '[': a.stepEvent(-1); return true;
    case 'n': a.nextFinding(1); return true;
    case 'N': a.nextFinding(-1); return true;
    case 'f': a.toggleFollow(); return true;
    case 'd': case 'D': a.toggleSide(); return true;
    // The brush from the keyboard: the visible range (zoom and pan choose it), or none.
    case 'r': a.statsForVisibleRange(); return true;
    case 'R': a.clearRange(); return true;
    case 'Enter': a.openSource(); return true;
    case 'Escape': a.clearSelection(); return true;
    default: return false;
  }
}

export function wireKeys(plot: HTMLElement, a: Commands): void {
  plot.addEventListener('keydown', (e) => {
    if (runKey(e, a)) e.preventDefault();
  });
}
