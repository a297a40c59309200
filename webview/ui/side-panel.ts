/** The side panel: findings list, detail pane and range statistics. All text via textContent. */
import { excerptKey, type SourceExcerpts } from '../../src/shared/source-excerpts';
import type { ResolvedFinding } from '../model/findings';
import { shortFile } from '../model/locations';
import type { RangeStats } from '../model/range-stats';
import { stateLabel } from '../model/states';
import { clear, el } from './dom';
import { formatMs } from './format';

/** Findings listed as buttons; the rest are counted (and reachable with N on the plot). */
const MAX_LISTED = 500;

export interface DetailContent {
  title: string;
  fields: [string, string][];
  location: { file: string; line: number; column?: number } | null;
}

export class SidePanel {
  readonly root: HTMLElement;
  private readonly findingsList: HTMLOListElement;
  private readonly findingsCount: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly range: HTMLElement;
  readonly legend: HTMLElement;

  constructor(
    private readonly onFinding: (f: ResolvedFinding, index: number) => void,
    /** Opens a location in the editor; null in a page outside VS Code (it shows excerpts). */
    private readonly onReveal: ((loc: { file: string; line: number; column?: number }) => void) | null,
    private readonly sources: SourceExcerpts,
  ) {
    this.findingsCount = el('span', { class: 'il-count' });
    this.findingsList = el('ol', { class: 'il-findings', 'aria-label': 'Findings' });
    this.detail = el('div', { class: 'il-detail', 'aria-live': 'polite' }, el('p', { class: 'il-hint', text: 'Click a lane, span, event or mark to see its details.' }));
    this.range = el('div', { class: 'il-range', 'aria-live': 'polite' }, el('p', { class: 'il-hint', text: 'Drag on the time axis to select a range.' }));
    this.legend = el('div', { class: 'il-legend' });
    this.root = el('aside', { class: 'il-side', id: 'il-side', 'aria-label': 'Details' },
      el('section', { class: 'il-section' }, el('h2', {}, 'Findings ', this.findingsCount), this.findingsList),
      el('section', { class: 'il-section' }, el('h2', { text: 'Details' }), this.detail),
      el('section', { class: 'il-section' }, el('h2', { text: 'Selected range' }), this.range),
      // The legend folds (16 rows would push Range stats below the fold at 1280×800); open at
      // first so a new user sees what the colours mean.
      el('details', { class: 'il-section il-legend-section', open: '' }, el('summary', {}, el('h2', { text: 'Legend' })), this.legend),
    );
  }

  setFindings(findings: readonly ResolvedFinding[]): void {
    clear(this.findingsList);
    this.findingsCount.textContent = `(${findings.length})`;
    if (findings.length === 0) {
      this.findingsList.append(el('li', { class: 'il-hint', text: 'No findings.' }));
      return;
    }
    // A list the user can read; more would hold the page for seconds (100,000 worker errors).
    findings.slice(0, MAX_LISTED).forEach((f, i) => {
      const where = f.locations.slice(0, 3).map((l) => `${shortFile(l.file)}:${l.line}`).join(', ');
      const button = el('button', { class: `il-finding il-kind-${f.kind.replace(/[^a-z-]/g, '')}`, type: 'button', 'data-index': i },
        el('span', { class: 'il-finding-kind', text: f.kind }),
        el('span', { class: 'il-finding-msg', text: f.message || f.kind }),
        where ? el('span', { class: 'il-finding-where', text: where }) : null,
      );
      button.addEventListener('click', () => this.onFinding(f, i));
      this.findingsList.append(el('li', {}, button));
    });
    if (findings.length > MAX_LISTED) {
      this.findingsList.append(el('li', { class: 'il-hint', text: `and ${(findings.length - MAX_LISTED).toLocaleString('en-US')} more (N steps through all of them)` }));
    }
  }

  showDetail(content: DetailContent | null): void {
    clear(this.detail);
    if (!content) {
      this.detail.append(el('p', { class: 'il-hint', text: 'Nothing selected.' }));
      return;
    }
    this.detail.append(el('p', { class: 'il-detail-title', text: content.title }));
    const dl = el('dl');
    for (const [k, v] of content.fields) dl.append(el('dt', { text: k }), el('dd', { text: v }));
    this.detail.append(dl);
    const loc = content.location;
    const excerpt = loc ? this.sources[excerptKey(loc.file, loc.line)] : undefined;
    if (loc && excerpt) this.detail.append(sourceBlock(loc, excerpt.first, excerpt.lines));
    const reveal = this.onReveal;
    if (loc && reveal) {
      const button = el('button', { type: 'button', class: 'il-reveal', text: `Open ${shortFile(loc.file)}:${loc.line}` });
      button.title = `${loc.file}:${loc.line}`;
      button.addEventListener('click', () => reveal(loc));
      this.detail.append(button);
    }
  }

  showRange(stats: RangeStats | null): void {
    clear(this.range);
    if (!stats) {
      this.range.append(el('p', { class: 'il-hint', text: 'Drag on the time axis to select a range.' }));
      return;
    }
    this.range.append(el('p', { text: `${formatMs(stats.t0, 5)} – ${formatMs(stats.t1, 5)} (${formatMs(stats.t1 - stats.t0)}), ${stats.events.toLocaleString('en-US')} events` }));
    const table = el('table', { class: 'il-stats' });
    table.append(el('thead', {}, el('tr', {}, el('th', { text: 'worker' }), el('th', { text: 'running' }), el('th', { text: 'blocked / waiting' }), el('th', { text: 'events' }))));
    const body = el('tbody');
    for (const w of stats.workers) {
      const running = w.byState.get(1) ?? 0;
      let other = 0;
      const parts: string[] = [];
      for (const [s, ms] of w.byState) if (s !== 1) { other += ms; parts.push(`${stateLabel[s] ?? s}: ${formatMs(ms)}`); }
      const cell = el('td', { text: formatMs(other) });
      cell.title = parts.join('\n');
      body.append(el('tr', {}, el('td', { text: w.name }), el('td', { text: formatMs(running) }), cell, el('td', { text: String(w.events) })));
    }
    table.append(body);
    this.range.append(table);
    if (stats.locks.length > 0) {
      const lt = el('table', { class: 'il-stats' });
      lt.append(el('thead', {}, el('tr', {}, el('th', { text: 'lock' }), el('th', { text: 'held' }), el('th', { text: 'waited' }), el('th', { text: 'acq.' }))));
      const lb = el('tbody');
      for (const l of stats.locks) lb.append(el('tr', {}, el('td', { text: l.name }), el('td', { text: formatMs(l.holdMs) }), el('td', { text: formatMs(l.waitMs) }), el('td', { text: String(l.acquisitions) })));
      lt.append(lb);
      this.range.append(lt);
    }
  }
}

/** A few numbered source lines, the location's own line marked. */
function sourceBlock(loc: { file: string; line: number }, first: number, lines: readonly string[]): HTMLElement {
  const width = String(first + lines.length - 1).length;
  const pre = el('pre', { class: 'il-source', 'aria-label': `${shortFile(loc.file)} around line ${loc.line}` });
  lines.forEach((text, i) => {
    const n = first + i;
    pre.append(el('span', { class: n === loc.line ? 'il-source-line il-source-here' : 'il-source-line', text: `${String(n).padStart(width)}  ${text}\n` }));
  });
  return el('figure', { class: 'il-source-figure' }, el('figcaption', { text: `${shortFile(loc.file)}:${loc.line}` }), pre);
}
