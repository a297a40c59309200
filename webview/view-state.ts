/**
 * What the user chose about the view, kept across a reload: hidden lanes and categories, Follow
 * live, the search text and the visible time range. Read back (checked) from the host's saved
 * state, written to it at most every 300 ms (vscode.setState, and a `state` message so the host's
 * serializer has it too). No DOM here.
 */
import type { FromWebview, WebviewState } from '../src/shared/protocol';
import { parseWebviewState } from '../src/shared/protocol';

export interface StateSink {
  setState(state: unknown): void;
  post(message: FromWebview): void;
}

export class ViewState {
  readonly hiddenLanes = new Set<string>();
  readonly hiddenCategories = new Set<string>();
  follow = false;
  search = '';
  /** The side panel's toggle, once the user used it (ui/responsive.ts). */
  side: 'open' | 'closed' | undefined = undefined;
  /** The visible range a reload should show again, once the trace is back (then cleared). */
  restoredView: WebviewState['view'] = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  /** Takes what the host kept (anything: it is checked); returns false when there was nothing usable. */
  restore(raw: unknown): boolean {
    const state = parseWebviewState(raw);
    if (!state) return false;
    for (const k of state.hiddenLanes) this.hiddenLanes.add(k);
    for (const c of state.hiddenCategories) this.hiddenCategories.add(c);
    this.follow = state.follow;
    this.search = state.search;
    this.side = state.side;
    this.restoredView = state.view;
    return true;
  }

  /** The state to keep, given the visible range and the whole trace's range. */
  snapshot(visible: readonly [number, number], whole: readonly [number, number]): WebviewState {
    const [a, b] = visible;
    const fit = a <= whole[0] && b >= whole[1];
    return {
      version: 1,
      view: fit || !(b > a) ? null : { t0: a, t1: b },
      follow: this.follow,
      search: this.search,
      hiddenLanes: [...this.hiddenLanes],
      hiddenCategories: [...this.hiddenCategories],
      ...(this.side ? { side: this.side } : {}),
    };
  }

  /** Saves soon (a drag or a wheel gesture changes the view every frame: one save per 300 ms). */
  saveSoon(sink: StateSink, take: () => WebviewState): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      const state = take();
      sink.setState(state);
      sink.post({ type: 'state', state });
    }, 300);
  }
}
