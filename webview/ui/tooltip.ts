/** The hover tooltip: a detail's title and first fields, beside the pointer, as text only. */
import { clear, el } from './dom';
import type { DetailContent } from './side-panel';

const MAX_FIELDS = 5;

export class Tooltip {
  readonly root: HTMLElement = el('div', { class: 'il-tooltip', role: 'tooltip', hidden: true });

  show(d: DetailContent, clientX: number, clientY: number): void {
    const t = this.root;
    clear(t);
    t.append(el('div', { class: 'il-tip-title', text: d.title }));
    for (const [k, v] of d.fields.slice(0, MAX_FIELDS)) t.append(el('div', { class: 'il-tip-row', text: `${k}: ${v}` }));
    t.hidden = false;
    // Kept inside the window: left of the pointer near the right edge, above it near the bottom.
    const x = Math.min(window.innerWidth - 340, clientX + 14);
    const y = Math.min(window.innerHeight - t.offsetHeight - 8, clientY + 16);
    t.style.left = `${Math.max(4, x)}px`;
    t.style.top = `${Math.max(4, y)}px`;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
