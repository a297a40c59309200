/**
 * The toolbar above the timeline: the title, Fit / zoom buttons, Follow live, search, the
 * filters and Range stats. It only builds controls and calls back; what they do is the app's.
 */
import type { ViewState } from '../view-state';
import type { Commands } from './commands';
import { el } from './dom';
import { Filters } from './filters';

export class Toolbar {
  readonly root: HTMLElement;
  readonly filters: Filters;
  private readonly title: HTMLElement;
  private readonly followBox: HTMLInputElement;
  private readonly searchBox: HTMLInputElement;
  private readonly searchCount: HTMLElement;
  private readonly sideToggle: HTMLButtonElement;

  constructor(actions: Commands) {
    this.title = el('span', { class: 'il-title', text: 'Interleave timeline' });
    const button = (label: string, text: string, onClick: () => void, keys?: string): HTMLButtonElement => {
      const b = el('button', { type: 'button', class: 'il-btn', 'aria-label': label, title: keys ? `${label} (${keys})` : label, text });
      b.addEventListener('click', onClick);
      return b;
    };
    this.followBox = el('input', { type: 'checkbox', id: 'il-follow' });
    this.followBox.addEventListener('change', () => actions.setFollow(this.followBox.checked));
    this.searchBox = el('input', { type: 'search', id: 'il-search', placeholder: 'worker, object, marker…', autocomplete: 'off' });
    this.searchBox.addEventListener('input', () => actions.setSearch(this.searchBox.value));
    this.searchBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); actions.nextSearchHit(e.shiftKey ? -1 : 1); }
    });
    this.searchCount = el('span', { class: 'il-search-count', 'aria-live': 'polite' });
    this.filters = new Filters(() => actions.filtersChanged());
    this.sideToggle = button('Show or hide the findings and details panel', 'Details', () => actions.toggleSide(), 'D');
    this.sideToggle.setAttribute('aria-controls', 'il-side');
    this.root = el('header', { class: 'il-toolbar', role: 'toolbar', 'aria-label': 'Timeline controls' },
      this.title,
      button('Fit the whole run', 'Fit', () => actions.fit(), '0'),
      button('Zoom in', '+', () => actions.zoomBy(2), '+'),
      button('Zoom out', '−', () => actions.zoomBy(0.5), '-'),
      el('label', { class: 'il-check', for: 'il-follow' }, this.followBox, 'Follow live'),
      el('label', { class: 'il-search-label', for: 'il-search', text: 'Search' }), this.searchBox, this.searchCount,
      this.filters.root,
      button('Statistics for the visible range', 'Range stats', () => actions.statsForVisibleRange(), 'R'),
      this.sideToggle,
    );
  }

  setTitle(text: string): void {
    this.title.textContent = text;
  }

  /** Shows whether the side panel is open (the toggle is pressed). */
  setSideOpen(open: boolean): void {
    this.sideToggle.setAttribute('aria-expanded', String(open));
    this.sideToggle.classList.toggle('il-pressed', open);
  }

  setFollow(on: boolean): void {
    this.followBox.checked = on;
  }

  /** Shows a restored view state: Follow live, the search text, the hidden categories. */
  showState(state: ViewState): void {
    this.setFollow(state.follow);
    this.searchBox.value = state.search;
    this.filters.showCategories(state.hiddenCategories);
  }

  setSearchCount(text: string): void {
    this.searchCount.textContent = text;
  }
}
