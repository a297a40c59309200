/**
 * The Filters drop-down: a checkbox per category of what is drawn and one per lane. Unticking
 * adds to the sets the view state keeps; the owner recomputes the layout.
 */
import { CATEGORIES } from '../model/states';
import { clear, el } from './dom';

export interface LaneChoice {
  key: string;
  label: string;
}

export class Filters {
  readonly root: HTMLDetailsElement;
  private readonly categories: HTMLElement;
  private readonly lanes: HTMLElement;

  constructor(private readonly onChange: () => void) {
    this.categories = el('fieldset', { class: 'il-filter-group' });
    this.lanes = el('fieldset', { class: 'il-filter-group il-filter-lanes' });
    this.root = el('details', { class: 'il-filters' }, el('summary', { text: 'Filters' }), el('div', { class: 'il-filters-body' }, this.categories, this.lanes));
  }

  showCategories(hidden: Set<string>): void {
    clear(this.categories);
    this.categories.append(el('legend', { text: 'Show' }));
    for (const cat of CATEGORIES) this.categories.append(this.box(`il-cat-${cat}`, cat, cat, hidden));
  }

  /** At most 500 lanes are listed (a thousand-worker run would build a page of checkboxes). */
  showLanes(lanes: readonly LaneChoice[], hidden: Set<string>): void {
    clear(this.lanes);
    this.lanes.append(el('legend', { text: 'Lanes' }));
    lanes.slice(0, 500).forEach((lane, i) => this.lanes.append(this.box(`il-lane-${i}`, lane.key, lane.label, hidden)));
  }

  private box(id: string, key: string, label: string, hidden: Set<string>): HTMLElement {
    const box = el('input', { type: 'checkbox', id, checked: !hidden.has(key) });
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(key);
      else hidden.add(key);
      this.onChange();
    });
    return el('label', { class: 'il-check', for: id }, box, label);
  }
}
