/**
 * The gutter: one label per row of the layout, at the row's y, beside the plot. Lane labels are
 * buttons (a click selects the lane); section headers and the utilisation row are text.
 */
import type { ResolvedFinding } from '../model/findings';
import type { Lane } from '../model/lanes';
import type { TraceModel } from '../model/trace-model';
import type { Layout } from '../render/layout';
import { clear, el } from './dom';
import { laneBadges, laneName } from './lane-text';

export interface GutterInput {
  model: TraceModel;
  layout: Layout;
  findings: readonly ResolvedFinding[];
  live: boolean;
  /** The search text: matching lane names are outlined. */
  search: string;
}

export class Gutter {
  constructor(readonly root: HTMLElement, private readonly onSelect: (lane: Lane) => void) {}

  render({ model, layout, findings, live, search }: GutterInput): void {
    const gutter = this.root;
    clear(gutter);
    const q = search.toLowerCase();
    for (const row of layout.rows) {
      const style = `top:${row.y}px;height:${row.h}px`;
      if (row.kind === 'header') {
        gutter.append(el('div', { class: 'il-lane-header', role: 'heading', 'aria-level': 3, style, text: row.title, title: row.title }));
        continue;
      }
      if (row.kind === 'util') {
        const cap = Math.max(1, model.header?.cpuCount ?? 1, layout.workerRow.size);
        const label = el('div', { class: 'il-lane-label il-util-label', style },
          el('span', { class: 'il-lane-name', text: 'Running workers' }),
          el('span', { class: 'il-badge', text: `0–${cap}${model.header ? ` · ${model.header.cpuCount} CPUs` : ''}` }));
        label.title = 'How many workers were running, moment by moment (the dashed line is the CPU count)';
        gutter.append(label);
        continue;
      }
      const lane = row.lane;
      const name = laneName(model, lane);
      const button = el('button', {
        type: 'button', class: `il-lane-label il-lane-${lane.kind}`, style,
        'data-lane': lane.key, 'aria-label': `${lane.kind} lane ${name}`,
      }, el('span', { class: 'il-lane-name', text: name }));
      const badges = laneBadges(model, lane, findings, live);
      for (const [kind, text] of badges) button.append(el('span', { class: `il-badge il-badge-${kind}`, text }));
      if (q && name.toLowerCase().includes(q)) button.classList.add('il-match');
      // A narrow gutter cuts labels with an ellipsis: the tooltip always has the whole of it.
      button.title = [name, ...badges.map(([, text]) => text)].join(' · ');
      button.addEventListener('click', () => this.onSelect(lane));
      gutter.append(button);
    }
  }
}
