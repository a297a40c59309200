/**
 * The timeline application: owns the model, the view state (zoom, filters, search, selection)
 * and the DOM around the canvas, and turns protocol messages into drawing.
 *
 * Rendering is scheduled, never immediate: every change marks what must be redrawn (everything,
 * an x range after a live batch, or only the overlay) and one requestAnimationFrame does it.
 */
import { EventKind, Slot } from '../src/shared/events';
import type { ReportSummary, ToWebview, WebviewState } from '../src/shared/protocol';
import { parseWebviewState } from '../src/shared/protocol';
import { parseTrace, type TraceFooter, type TraceHeader } from '../src/shared/trace-file';
import { type ResolvedFinding, resolveFindings } from './model/findings';
import type { Lane } from './model/lanes';
import { rangeStats } from './model/range-stats';
import { CATEGORIES, Point, stateLabel } from './model/states';
import { TraceModel } from './model/trace-model';
import { type Layout, computeLayout } from './render/layout';
import { readPalette, type Palette } from './render/palette';
import { TimelineRenderer } from './render/timeline-renderer';
import type { FrameView } from './render/view';
import { TimeAxis } from './ui/axis';
import { describeEvent } from './ui/describe';
import { clear, el } from './ui/dom';
import { formatCount, formatMs } from './ui/format';
import { type Hit, hitTest } from './ui/hit';
import type { Host } from './ui/host';
import { renderLegend } from './ui/legend';
import { type DetailContent, SidePanel } from './ui/side-panel';
import { ZoomController } from './ui/zoom-controller';
import { flowLabel } from './model/flows';

const GUTTER = 210;
const AXIS_H = 30;

/** Frame timings, read by the benchmark and tests. */
export interface RenderStats {
  frames: number[];
  /** When true, each frame reads a pixel back so its time includes rasterization (benchmark). */
  flush: boolean;
  firstPaintAt: number | null;
  loadStartedAt: number | null;
}

export class TimelineApp {
  model = new TraceModel();
  private layout: Layout = computeLayout(this.model, new Set(), new Set());
  private findings: ResolvedFinding[] = [];
  private report: ReportSummary | null = null;
  private palette: Palette;
  private readonly renderer: TimelineRenderer;
  private readonly overlay: CanvasRenderingContext2D;
  private readonly zoom: ZoomController;
  private readonly axis: TimeAxis;
  private readonly side: SidePanel;
  private readonly hidden = new Set<string>();
  private readonly hiddenCategories = new Set<string>();
  private follow = false;
  private live = false;
  private search = '';
  private searchHits: number[] = [];
  private searchAt = -1;
  private selected: Hit | null = null;
  private hover: Hit | null = null;
  private brushed: [number, number] | null = null;
  private pending: { full: boolean; clip: [number, number] | null; overlay: boolean; structural?: boolean } = { full: false, clip: null, overlay: false };
  /** Bumped by anything that changes the drawing other than the time range (layout, filters,
   *  palette, size, findings): a frame can reuse pixels only when nothing else changed. */
  private version = 0;
  private drawnVersion = -1;
  private frameRequested = false;
  private ticks: number[] = [];
  private view: FrameView = { width: 1, height: 1, scrollTop: 0, x: { k: 1, b: 0 }, t0: 0, t1: 1 };
  private restoredView: WebviewState['view'] = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPointer: { x: number; y: number } | null = null;
  readonly stats: RenderStats = { frames: [], flush: false, firstPaintAt: null, loadStartedAt: null };

  // DOM
  readonly root: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly lanesEl: HTMLElement;
  private readonly gutter: HTMLElement;
  private readonly plot: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly followBox: HTMLInputElement;
  private readonly searchBox: HTMLInputElement;
  private readonly searchCount: HTMLElement;
  private readonly filterCats: HTMLElement;
  private readonly filterLanes: HTMLElement;
  private readonly axisSvg: SVGSVGElement;
  private readonly arrowsNote: HTMLElement;

  constructor(container: HTMLElement, private readonly host: Host) {
    this.titleEl = el('span', { class: 'il-title', text: 'Interleave timeline' });
    const button = (label: string, text: string, onClick: () => void, keys?: string): HTMLButtonElement => {
      const b = el('button', { type: 'button', class: 'il-btn', 'aria-label': label, title: keys ? `${label} (${keys})` : label, text });
      b.addEventListener('click', onClick);
      return b;
    };
    this.followBox = el('input', { type: 'checkbox', id: 'il-follow' });
    this.followBox.addEventListener('change', () => this.setFollow(this.followBox.checked));
    this.searchBox = el('input', { type: 'search', id: 'il-search', placeholder: 'worker, object, marker…', autocomplete: 'off' });
    this.searchBox.addEventListener('input', () => this.setSearch(this.searchBox.value));
    this.searchBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); this.nextSearchHit(e.shiftKey ? -1 : 1); }
    });
    this.searchCount = el('span', { class: 'il-search-count', 'aria-live': 'polite' });
    this.filterCats = el('fieldset', { class: 'il-filter-group' });
    this.filterLanes = el('fieldset', { class: 'il-filter-group il-filter-lanes' });
    const filters = el('details', { class: 'il-filters' }, el('summary', { text: 'Filters' }), el('div', { class: 'il-filters-body' }, this.filterCats, this.filterLanes));
    const toolbar = el('header', { class: 'il-toolbar', role: 'toolbar', 'aria-label': 'Timeline controls' },
      this.titleEl,
      button('Fit the whole run', 'Fit', () => this.zoom.fit(), '0'),
      button('Zoom in', '+', () => this.zoom.zoomBy(2), '+'),
      button('Zoom out', '−', () => this.zoom.zoomBy(0.5), '-'),
      el('label', { class: 'il-check', for: 'il-follow' }, this.followBox, 'Follow live'),
      el('label', { class: 'il-search-label', for: 'il-search', text: 'Search' }), this.searchBox, this.searchCount,
      filters,
      button('Statistics for the visible range', 'Range stats', () => this.axis.setRange([this.view.t0, this.view.t1]), 'R'),
    );

    this.axisSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.axisSvg.setAttribute('class', 'il-axis');
    this.axisSvg.setAttribute('aria-label', 'Time axis; drag to select a range');
    const axisRow = el('div', { class: 'il-axis-row' }, el('div', { class: 'il-corner', style: `width:${GUTTER}px`, text: 'time →' }));
    axisRow.append(this.axisSvg);
    this.gutter = el('div', { class: 'il-gutter', role: 'list', 'aria-label': 'Lanes', style: `width:${GUTTER}px` });
    const canvas = el('canvas', { class: 'il-canvas', 'aria-hidden': 'true' });
    const overlay = el('canvas', { class: 'il-overlay', 'aria-hidden': 'true' });
    this.plot = el('div', {
      class: 'il-plot', tabindex: 0, role: 'application',
      'aria-label': 'Timeline plot. Arrow keys pan and move between lanes, + and − zoom, 0 fits, [ and ] step through events, Enter opens the source, N jumps to the next finding, R shows statistics for the visible range (Shift+R clears them).',
      style: `margin-left:${GUTTER}px`,
    }, canvas, overlay);
    this.lanesEl = el('div', { class: 'il-lanes' }, this.gutter, this.plot);
    this.scroller = el('div', { class: 'il-scroller' }, this.lanesEl);
    const timeline = el('section', { class: 'il-timeline', 'aria-label': 'Timeline' }, axisRow, this.scroller);
    this.side = new SidePanel((f, i) => this.focusFinding(f, i), (loc) => this.reveal(loc));
    this.statusEl = el('span', { text: 'No trace loaded.' });
    this.arrowsNote = el('span', { class: 'il-note' });
    const status = el('footer', { class: 'il-status', role: 'status' }, this.statusEl, this.arrowsNote);
    this.tooltip = el('div', { class: 'il-tooltip', role: 'tooltip', hidden: true });
    this.root = el('div', { class: 'il-app' }, toolbar, el('div', { class: 'il-main' }, timeline, this.side.root), status, this.tooltip);
    container.append(this.root);

    this.renderer = new TimelineRenderer(canvas);
    const octx = overlay.getContext('2d');
    if (!octx) throw new Error('canvas 2d is not available');
    this.overlay = octx;
    this.palette = readPalette(this.root);
    this.renderer.setPalette(this.palette);
    renderLegend(this.side.legend, this.palette, this.renderer.getStyles());
    this.zoom = new ZoomController(this.plot, (byUser) => this.onZoom(byUser));
    this.axis = new TimeAxis(this.axisSvg, (range) => this.onBrush(range));
    this.buildCategoryFilters();
    this.wireEvents();
    this.restoreState(host.getState());
    this.resize();
  }

  // ------------------------------------------------------------------------------------------
  // Messages

  handle(msg: ToWebview): void {
    switch (msg.type) {
      case 'load': this.loadTrace(msg.trace, msg.title); break;
      case 'start': this.startLive(msg.header, msg.title); break;
      case 'batch': this.appendBatch(msg.strings, msg.events); break;
      case 'report': this.setReport(msg.report); break;
      case 'finished': this.finish(msg.footer); break;
    }
  }

  loadTrace(bytes: Uint8Array, title: string): void {
    this.stats.loadStartedAt = performance.now();
    this.stats.firstPaintAt = null;
    let parsed;
    try {
      parsed = parseTrace(bytes);
    } catch (error) {
      this.statusEl.textContent = `Cannot open this trace: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.reset(title);
    this.model.header = parsed.header;
    this.model.addStrings(parsed.strings);
    if (parsed.footer) this.model.setFooter(parsed.footer);
    this.model.ingest(parsed.events);
    this.live = false;
    this.afterStructureChange();
    const view = this.restoredView;
    this.restoredView = null;
    this.zoom.setDomain(this.model.startTime === Infinity ? 0 : Math.min(0, this.model.startTime), Math.max(this.model.endTime, 1e-3), 'fit');
    if (view) this.zoom.showRange(view.t0, view.t1);
    this.updateStatus(parsed.truncated ? ' (the file ends early: the run was cut short)' : '');
  }

  startLive(header: TraceHeader, title: string): void {
    this.reset(title);
    this.model.header = header;
    this.live = true;
    this.setFollow(true);
    this.afterStructureChange();
    this.zoom.setDomain(0, 1, 'fit');
    this.updateStatus(' — running');
  }

  appendBatch(strings: [number, string][], events: Float64Array): void {
    if (!this.model.header && !this.live) this.live = true;
    this.model.addStrings(strings);
    const before = this.zoom.x.domain();
    const dirty = this.model.ingest(events);
    if (dirty.lanesChanged) this.afterStructureChange();
    else this.refreshFindings(false);
    const end = Math.max(this.model.endTime, 1e-3);
    const [, d1] = this.zoom.domain;
    if (end > d1 || this.follow) {
      // The run grew: extend the scale (the view moves only when following).
      this.zoom.setDomain(Math.min(0, this.model.startTime), end * (this.follow ? 1 : 1.0), this.follow ? 'follow' : 'range');
    }
    const after = this.zoom.x.domain();
    const x = this.zoom.x;
    const changed: [number, number] | undefined = Number.isFinite(dirty.from) ? [x(dirty.from), x(this.model.endTime)] : undefined;
    if (dirty.lanesChanged) this.invalidate({ structural: true });
    // Same view: redraw only the time this batch changed. A followed view moved: shift (frame()).
    else if (this.sameRange(before as [number, number], after as [number, number])) { if (changed) this.invalidate({ clip: changed }); }
    else this.invalidate({ full: true, clip: changed });
    this.updateStatus(this.live ? ' — running' : '');
  }

  private sameRange(a: [number, number], b: [number, number]): boolean {
    const eps = Math.max(1e-12, (b[1] - b[0]) * 1e-9);
    return Math.abs(a[0] - b[0]) <= eps && Math.abs(a[1] - b[1]) <= eps;
  }

  finish(footer: TraceFooter): void {
    this.model.setFooter(footer);
    this.live = false;
    this.afterStructureChange();
    this.updateStatus('');
  }

  setReport(report: ReportSummary): void {
    this.report = report;
    this.refreshFindings(true);
    this.updateGutter();
    this.invalidate({ structural: true });
  }

  private reset(title: string): void {
    this.model = new TraceModel();
    this.model.title = title;
    this.titleEl.textContent = title;
    this.findings = [];
    this.report = null;
    this.selected = null;
    this.hover = null;
    this.brushed = null;
    this.searchHits = [];
    this.side.showDetail(null);
    this.side.showRange(null);
  }

  private afterStructureChange(): void {
    this.layout = computeLayout(this.model, this.hidden, this.hiddenCategories);
    this.refreshFindings(true);
    this.updateGutter();
    this.buildLaneFilters();
    if (this.search) this.setSearch(this.search);
    this.resize();
  }

  private findingsKey = '';
  private refreshFindings(force: boolean): void {
    const key = `${this.model.lost.found.length}:${this.model.footer ? 1 : 0}:${this.report ? this.report.findings.length : -1}`;
    if (!force && key === this.findingsKey) return;
    this.findingsKey = key;
    this.findings = resolveFindings(this.model, this.report?.findings ?? null, this.report);
    this.side.setFindings(this.findings);
  }

  private updateStatus(extra: string): void {
    const m = this.model;
    const dur = m.endTime > m.startTime ? m.endTime - Math.min(0, m.startTime) : 0;
    const result = m.footer ? ` · result: ${m.footer.result}` : '';
    const dropped = m.footer && m.footer.dropped > 0 ? ` · ${formatCount(m.footer.dropped)} events dropped` : '';
    this.statusEl.textContent = `${formatCount(m.eventCount)} events · ${m.workers.size} workers · ${formatMs(dur)}${result}${dropped}${extra}`;
  }

  // ------------------------------------------------------------------------------------------
  // Layout, gutter and filters

  private resize(): void {
    const width = Math.max(50, this.scroller.clientWidth - GUTTER);
    const height = Math.max(50, this.scroller.clientHeight);
    this.lanesEl.style.height = `${Math.max(this.layout.height, height)}px`;
    this.plot.style.height = `${height}px`;
    const dpr = window.devicePixelRatio || 1;
    this.renderer.resize(width, height, dpr);
    const oc = this.overlay.canvas;
    // (assigning a canvas size, even the same one, reallocates and clears it)
    if (oc.width !== Math.round(width * dpr)) oc.width = Math.round(width * dpr);
    if (oc.height !== Math.round(height * dpr)) oc.height = Math.round(height * dpr);
    oc.style.width = `${width}px`;
    oc.style.height = `${height}px`;
    this.zoom.resize(width, height);
    this.invalidate({ structural: true });
  }

  private laneName(lane: Lane): string {
    switch (lane.kind) {
      case 'worker': return this.model.processName(lane.pid);
      case 'lock':
      case 'memory': return this.model.objectName(lane.obj);
      case 'core': return `CPU ${lane.cpu}`;
    }
  }

  private laneBadges(lane: Lane): [string, string][] {
    const out: [string, string][] = [];
    const m = this.model;
    if (lane.kind === 'worker') {
      const p = m.footer?.processes.find((q) => q.id === lane.pid);
      if (p?.error) out.push(['error', `✖ ${p.error}`]);
      else if (p && p.exitCode !== null && p.exitCode !== 0) out.push(['error', `exit ${p.exitCode}`]);
      if (this.findings.some((f) => f.edges.some((e) => e.waiter === lane.pid))) out.push(['deadlock', '⊘ deadlocked']);
      if (!lane.exited && this.live) out.push(['live', '● live']);
    } else if (lane.kind === 'lock') {
      if (this.findings.some((f) => f.edges.some((e) => e.object === lane.obj))) out.push(['deadlock', '⊘ cycle']);
      out.push(['info', lane.contended > 0 ? `${lane.acquisitions}× · ${lane.contended} contended` : `${lane.acquisitions}×`]);
    } else if (lane.kind === 'memory') {
      let lost = 0;
      for (const f of this.findings) if (f.objs.includes(lane.obj)) lost += f.lost;
      if (lost > 0) out.push(['race', `⚠ ${lost} lost update${lost === 1 ? '' : 's'}`]);
      else if (this.findings.some((f) => f.kind === 'data-race' && f.objs.includes(lane.obj))) out.push(['race', '⚠ data race']);
    }
    return out;
  }

  private updateGutter(): void {
    clear(this.gutter);
    const q = this.search.toLowerCase();
    for (const row of this.layout.rows) {
      const style = `top:${row.y}px;height:${row.h}px`;
      if (row.kind === 'header') {
        this.gutter.append(el('div', { class: 'il-lane-header', role: 'heading', 'aria-level': 3, style, text: row.title }));
        continue;
      }
      if (row.kind === 'util') {
        const cap = Math.max(1, this.model.header?.cpuCount ?? 1, this.layout.workerRow.size);
        const label = el('div', { class: 'il-lane-label il-util-label', role: 'listitem', style },
          el('span', { class: 'il-lane-name', text: 'Running workers' }),
          el('span', { class: 'il-badge', text: `0–${cap}${this.model.header ? ` · ${this.model.header.cpuCount} CPUs` : ''}` }));
        label.title = 'How many workers were running, moment by moment (the dashed line is the CPU count)';
        this.gutter.append(label);
        continue;
      }
      const lane = row.lane;
      const name = this.laneName(lane);
      const button = el('button', {
        type: 'button', class: `il-lane-label il-lane-${lane.kind}`, role: 'listitem', style,
        'data-lane': lane.key, 'aria-label': `${lane.kind} lane ${name}`,
      }, el('span', { class: 'il-lane-name', text: name }));
      for (const [kind, text] of this.laneBadges(lane)) button.append(el('span', { class: `il-badge il-badge-${kind}`, text }));
      if (q && name.toLowerCase().includes(q)) button.classList.add('il-match');
      button.title = name;
      button.addEventListener('click', () => this.selectLane(lane));
      this.gutter.append(button);
    }
  }

  private buildCategoryFilters(): void {
    clear(this.filterCats);
    this.filterCats.append(el('legend', { text: 'Show' }));
    for (const cat of CATEGORIES) {
      const id = `il-cat-${cat}`;
      const box = el('input', { type: 'checkbox', id, checked: !this.hiddenCategories.has(cat) });
      box.addEventListener('change', () => {
        if (box.checked) this.hiddenCategories.delete(cat);
        else this.hiddenCategories.add(cat);
        this.afterFilterChange();
      });
      this.filterCats.append(el('label', { class: 'il-check', for: id }, box, cat));
    }
  }

  private buildLaneFilters(): void {
    clear(this.filterLanes);
    this.filterLanes.append(el('legend', { text: 'Lanes' }));
    const lanes: Lane[] = [...this.model.workers.values(), ...this.model.locks.values(), ...this.model.memory.values(), ...this.model.cores.values()];
    lanes.slice(0, 500).forEach((lane, i) => {
      const id = `il-lane-${i}`;
      const box = el('input', { type: 'checkbox', id, checked: !this.hidden.has(lane.key) });
      box.addEventListener('change', () => {
        if (box.checked) this.hidden.delete(lane.key);
        else this.hidden.add(lane.key);
        this.afterFilterChange();
      });
      this.filterLanes.append(el('label', { class: 'il-check', for: id }, box, `${lane.kind}: ${this.laneName(lane)}`));
    });
  }

  private afterFilterChange(): void {
    this.layout = computeLayout(this.model, this.hidden, this.hiddenCategories);
    this.updateGutter();
    this.resize();
    this.saveState();
  }

  // ------------------------------------------------------------------------------------------
  // Search

  private setSearch(text: string): void {
    this.search = text;
    const q = text.trim().toLowerCase();
    this.searchHits = [];
    this.searchAt = -1;
    if (q) {
      for (const w of this.model.workers.values()) {
        const p = w.points;
        for (let i = 0; i < p.length && this.searchHits.length < 10000; i++) {
          if (p.category[i] !== Point.MARK) continue;
          const label = this.model.name(this.model.store.slot(p.ref[i], Slot.a)) ?? '';
          if (label.toLowerCase().includes(q)) this.searchHits.push(p.ref[i]);
        }
        for (let i = 0; i < w.marks.length && this.searchHits.length < 10000; i++) {
          const ref = w.marks.ref[i];
          if (this.model.store.slot(ref, Slot.kind) !== EventKind.SPAN_BEGIN) continue;
          const label = this.model.name(this.model.store.slot(ref, Slot.a)) ?? '';
          if (label.toLowerCase().includes(q)) this.searchHits.push(ref);
        }
      }
      this.searchHits.sort((a, b) => this.model.store.slot(a, 0) - this.model.store.slot(b, 0));
    }
    let lanes = 0;
    if (q) for (const row of this.layout.rows) if (row.kind === 'lane' && this.laneName(row.lane).toLowerCase().includes(q)) lanes++;
    this.searchCount.textContent = q ? `${lanes} lane${lanes === 1 ? '' : 's'}, ${this.searchHits.length} mark${this.searchHits.length === 1 ? '' : 's'}` : '';
    this.updateGutter();
    this.invalidate({ overlay: true });
    this.saveState();
  }

  private nextSearchHit(dir: number): void {
    if (this.searchHits.length === 0) return;
    this.searchAt = (this.searchAt + dir + this.searchHits.length) % this.searchHits.length;
    const ref = this.searchHits[this.searchAt];
    this.centerOn(this.model.store.slot(ref, 0));
    const lane = this.model.workers.get(this.model.store.slot(ref, Slot.thread));
    if (lane) this.select({ kind: 'point', lane, ref });
  }

  // ------------------------------------------------------------------------------------------
  // Selection, details, findings

  private selectLane(lane: Lane): void {
    this.select({ kind: 'lane', lane });
  }

  private select(hit: Hit | null, reveal = false): void {
    this.selected = hit;
    this.side.showDetail(hit ? this.detailOf(hit) : null);
    this.invalidate({ overlay: true });
    if (reveal && hit) {
      const loc = this.detailOf(hit).location;
      if (loc && this.host.inVsCode) this.reveal(loc);
    }
  }

  private reveal(loc: { file: string; line: number; column?: number }): void {
    const msg: { type: 'reveal'; file: string; line: number; column?: number } = { type: 'reveal', file: loc.file, line: loc.line };
    if (loc.column !== undefined) msg.column = loc.column;
    this.host.post(msg);
  }

  private detailOf(hit: Hit): DetailContent {
    const m = this.model;
    switch (hit.kind) {
      case 'race': {
        const a = describeEvent(m, hit.pair[0]);
        const b = describeEvent(m, hit.pair[1]);
        const own = describeEvent(m, hit.ref);
        return {
          title: `${hit.finding.kind}: ${hit.finding.message}`,
          fields: [['access 1', a.title], ['at', a.location ? `${a.location.file}:${a.location.line}` : '—'], ['access 2', b.title], ['at', b.location ? `${b.location.file}:${b.location.line}` : '—']],
          // With sampled locations an access may carry none; the finding's own lines (filled in
          // by analysis from the thread's last location on that object) still lead to the source.
          location: own.location ?? a.location ?? b.location ?? hit.finding.locations[0] ?? null,
        };
      }
      case 'point': return describeEvent(m, hit.ref);
      case 'flow': {
        const f = m.flows;
        const src = describeEvent(m, f.srcRef[hit.index]);
        const dst = describeEvent(m, f.dstRef[hit.index]);
        return {
          title: `${flowLabel[f.kind[hit.index]] ?? 'flow'}`,
          fields: [['from', src.title], ['to', dst.title], ['latency', formatMs(f.dstT[hit.index] - f.srcT[hit.index])]],
          location: describeEvent(m, hit.ref).location,
        };
      }
      case 'span': {
        const ev = describeEvent(m, hit.ref);
        return {
          title: `${this.laneName(hit.lane)}: ${stateLabel[hit.state] ?? 'span'}${hit.open ? ' (still going)' : ''}`,
          fields: [['from', formatMs(hit.start, 6)], ['to', formatMs(hit.end, 6)], ['duration', formatMs(hit.end - hit.start)], ['began with', ev.title]],
          location: ev.location,
        };
      }
      case 'core':
        return {
          title: `${m.processName(hit.pid)} on CPU ${hit.lane.kind === 'core' ? hit.lane.cpu : ''}`,
          fields: [['from', formatMs(hit.start, 6)], ['to', formatMs(hit.end, 6)], ['duration', formatMs(hit.end - hit.start)]],
          location: null,
        };
      case 'lane': {
        const lane = hit.lane;
        const fields: [string, string][] = [['lane', lane.kind]];
        if (lane.kind === 'worker') {
          fields.push(['id', String(lane.pid)], ['events', formatCount(lane.points.length)]);
          const p = m.footer?.processes.find((q) => q.id === lane.pid);
          if (p) fields.push(['exit code', p.exitCode === null ? '—' : String(p.exitCode)]);
          if (p?.error) fields.push(['error', p.error]);
        } else if (lane.kind === 'lock') {
          fields.push(['acquisitions', String(lane.acquisitions)], ['contended', String(lane.contended)], ['held', formatMs(lane.holdMs)], ['waited', formatMs(lane.waitMs)]);
        } else if (lane.kind === 'memory') {
          fields.push(['accesses', formatCount(lane.points.length)]);
          for (const [, text] of this.laneBadges(lane)) fields.push(['finding', text]);
        }
        let location = null;
        const info = lane.kind === 'lock' || lane.kind === 'memory' ? m.objects.get(lane.obj) : undefined;
        if (info && info.loc >= 0) {
          const d = describeEvent(m, info.ref);
          location = d.location;
          if (location) fields.push(['created at', `${location.file}:${location.line}`]);
        }
        return { title: this.laneName(lane), fields, location };
      }
    }
  }

  private focusFinding(f: ResolvedFinding, _index: number): void {
    if (f.pairs.length > 0) {
      const [a, b] = f.pairs[0];
      const ta = this.model.store.slot(a, 0);
      const tb = this.model.store.slot(b, 0);
      const span = Math.max(Math.abs(tb - ta) * 6, (this.model.endTime - this.model.startTime) / 200, 1e-3);
      const mid = (ta + tb) / 2;
      this.zoom.showRange(mid - span / 2, mid + span / 2);
      const lane = this.model.workers.get(this.model.store.slot(a, Slot.thread));
      if (lane) this.select({ kind: 'race', finding: f, pair: f.pairs[0], ref: a });
      return;
    }
    if (f.time !== null) this.centerOn(f.time);
    const pid = f.pids[0];
    const lane = pid !== undefined ? this.model.workers.get(pid) : undefined;
    this.side.showDetail({
      title: `${f.kind}: ${f.message}`,
      fields: [['processes', f.processes.join(', ') || '—'], ['objects', f.objects.join(', ') || '—'], ...f.locations.map((l): [string, string] => ['at', `${l.file}:${l.line}`])],
      location: f.locations[0] ?? null,
    });
    if (lane) this.selected = { kind: 'lane', lane };
    this.invalidate({ overlay: true });
  }

  private centerOn(t: number): void {
    const [a, b] = this.zoom.x.domain();
    const half = (b - a) / 2;
    this.zoom.showRange(t - half, t + half);
  }

  // ------------------------------------------------------------------------------------------
  // Zoom, brush, pointer, keyboard

  private onZoom(byUser: boolean): void {
    if (byUser && this.follow && this.live) this.setFollow(false);
    // A programmatic transform that shows what is already drawn (the scale grew under a live
    // run, the visible range kept) needs no redraw.
    if (!this.sameRange(this.zoom.x.domain() as [number, number], [this.view.t0, this.view.t1])) this.invalidate({ full: true });
    this.saveState();
  }

  private onBrush(range: [number, number] | null): void {
    this.brushed = range;
    this.side.showRange(range ? rangeStats(this.model, Math.min(range[0], range[1]), Math.max(range[0], range[1])) : null);
    this.invalidate({ overlay: true });
  }

  private setFollow(on: boolean): void {
    this.follow = on;
    this.followBox.checked = on;
    if (on) this.zoom.setDomain(Math.min(0, this.model.startTime === Infinity ? 0 : this.model.startTime), Math.max(this.model.endTime, 1e-3), 'follow');
    this.saveState();
  }

  private wireEvents(): void {
    new ResizeObserver(() => this.resize()).observe(this.scroller);
    this.scroller.addEventListener('scroll', () => this.invalidate({ full: true }));
    this.plot.addEventListener('wheel', (e) => {
      if (e.shiftKey) {
        this.scroller.scrollTop += e.deltaY || e.deltaX;
        e.preventDefault();
      }
    }, { passive: false });
    this.plot.addEventListener('pointermove', (e) => {
      const r = this.plot.getBoundingClientRect();
      this.lastPointer = { x: e.clientX - r.left, y: e.clientY - r.top };
      if (e.buttons !== 0) { this.hideTooltip(); return; }
      this.updateHover(e.clientX, e.clientY);
    });
    this.plot.addEventListener('pointerleave', () => {
      this.lastPointer = null;
      this.hover = null;
      this.hideTooltip();
      this.invalidate({ overlay: true });
    });
    this.plot.addEventListener('click', (e) => {
      const r = this.plot.getBoundingClientRect();
      const hit = hitTest(this.model, this.layout, this.view, this.findings, e.clientX - r.left, e.clientY - r.top + this.view.scrollTop);
      this.select(hit, true);
    });
    this.plot.addEventListener('keydown', (e) => this.onKey(e));
    // Theme changes: VS Code switches body classes (vscode-light / -dark / -high-contrast).
    // VS Code puts its --vscode-* variables in <html style> and the theme kind in <body class>.
    const themeObserver = new MutationObserver(() => this.refreshPalette());
    themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  }

  private refreshPalette(): void {
    this.palette = readPalette(this.root);
    this.renderer.setPalette(this.palette);
    renderLegend(this.side.legend, this.palette, this.renderer.getStyles());
    this.invalidate({ structural: true });
  }

  private updateHover(clientX: number, clientY: number): void {
    const r = this.plot.getBoundingClientRect();
    const hit = hitTest(this.model, this.layout, this.view, this.findings, clientX - r.left, clientY - r.top + this.view.scrollTop);
    this.hover = hit && hit.kind !== 'lane' ? hit : null;
    if (!this.hover) { this.hideTooltip(); this.invalidate({ overlay: true }); return; }
    const d = this.detailOf(this.hover);
    const t = this.tooltip;
    clear(t);
    t.append(el('div', { class: 'il-tip-title', text: d.title }));
    for (const [k, v] of d.fields.slice(0, 5)) t.append(el('div', { class: 'il-tip-row', text: `${k}: ${v}` }));
    t.hidden = false;
    const x = Math.min(window.innerWidth - 340, clientX + 14);
    const y = Math.min(window.innerHeight - t.offsetHeight - 8, clientY + 16);
    t.style.left = `${Math.max(4, x)}px`;
    t.style.top = `${Math.max(4, y)}px`;
    this.invalidate({ overlay: true });
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  private onKey(e: KeyboardEvent): void {
    const w = this.view.width;
    let handled = true;
    switch (e.key) {
      case 'ArrowLeft': this.zoom.panBy(-(e.shiftKey ? w / 2 : w / 10)); break;
      case 'ArrowRight': this.zoom.panBy(e.shiftKey ? w / 2 : w / 10); break;
      case '+': case '=': this.zoom.zoomBy(1.5); break;
      case '-': case '_': this.zoom.zoomBy(1 / 1.5); break;
      case '0': case 'Home': this.zoom.fit(); break;
      case 'ArrowDown': this.moveLane(1); break;
      case 'ArrowUp': this.moveLane(-1); break;
      case ']': this.stepEvent(1); break;
      case '[': this.stepEvent(-1); break;
      case 'n': case 'N': this.cycleFinding(e.key === 'N' ? -1 : 1); break;
      case 'f': this.setFollow(!this.follow); break;
      // The brush from the keyboard: the visible range (zoom and pan choose it), or none.
      case 'r': this.axis.setRange([this.view.t0, this.view.t1]); break;
      case 'R': this.axis.setRange(null); break;
      case 'Enter': {
        const loc = this.selected ? this.detailOf(this.selected).location : null;
        if (loc) this.reveal(loc);
        break;
      }
      case 'Escape': this.select(null); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  }

  private findingCursor = -1;
  private cycleFinding(dir: number): void {
    if (this.findings.length === 0) return;
    this.findingCursor = (this.findingCursor + dir + this.findings.length) % this.findings.length;
    this.focusFinding(this.findings[this.findingCursor], this.findingCursor);
  }

  private selectedLane(): Lane | null {
    const s = this.selected;
    if (!s) return null;
    return 'lane' in s ? s.lane : null;
  }

  private moveLane(dir: number): void {
    const lanes = this.layout.rows.filter((r): r is Extract<typeof r, { kind: 'lane' }> => r.kind === 'lane');
    if (lanes.length === 0) return;
    const current = this.selectedLane();
    let i = current ? lanes.findIndex((r) => r.lane === current) : -1;
    i = Math.max(0, Math.min(lanes.length - 1, i + dir));
    const row = lanes[i];
    this.select({ kind: 'lane', lane: row.lane });
    if (row.y < this.scroller.scrollTop || row.y + row.h > this.scroller.scrollTop + this.view.height) this.scroller.scrollTop = row.y - 40;
  }

  /** Selects the next/previous event on the selected worker or object lane. */
  private stepEvent(dir: number): void {
    const lane = this.selectedLane() ?? this.model.workers.get(0) ?? null;
    if (!lane || (lane.kind !== 'worker' && lane.kind !== 'memory')) return;
    const p = lane.points;
    if (p.length === 0) return;
    const s = this.selected;
    const t = s && (s.kind === 'point' || s.kind === 'race' || s.kind === 'flow') ? this.model.store.slot(s.ref, 0) : this.view.t0;
    let i = p.firstAtOrAfter(t);
    if (s && (s.kind === 'point' || s.kind === 'race' || s.kind === 'flow')) {
      while (i < p.length && p.ref[i] !== s.ref && p.time[i] === t) i++;
      i += dir;
    } else if (dir < 0) i -= 1;
    i = Math.max(0, Math.min(p.length - 1, i));
    const ref = p.ref[i];
    this.select({ kind: 'point', lane, ref });
    const time = p.time[i];
    if (time < this.view.t0 || time > this.view.t1) this.centerOn(time);
  }

  // ------------------------------------------------------------------------------------------
  // State

  private restoreState(raw: unknown): void {
    const state = parseWebviewState(raw);
    if (!state) return;
    for (const k of state.hiddenLanes) this.hidden.add(k);
    for (const c of state.hiddenCategories) this.hiddenCategories.add(c);
    this.buildCategoryFilters();
    this.follow = state.follow;
    this.followBox.checked = state.follow;
    this.search = state.search;
    this.searchBox.value = state.search;
    this.restoredView = state.view;
  }

  currentState(): WebviewState {
    const [a, b] = this.zoom.x.domain();
    const [d0, d1] = this.zoom.domain;
    const fit = a <= d0 && b >= d1;
    return {
      version: 1,
      view: fit || !(b > a) ? null : { t0: a, t1: b },
      follow: this.follow,
      search: this.search,
      hiddenLanes: [...this.hidden],
      hiddenCategories: [...this.hiddenCategories],
    };
  }

  private saveState(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      const state = this.currentState();
      this.host.setState(state);
      this.host.post({ type: 'state', state });
    }, 300);
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  private invalidate(what: { full?: boolean; clip?: [number, number]; overlay?: boolean; structural?: boolean }): void {
    const p = this.pending;
    if (what.full) p.full = true;
    if (what.structural) { p.full = true; p.structural = true; this.version++; }
    if (what.clip) {
      const [a, b] = what.clip[0] <= what.clip[1] ? what.clip : [what.clip[1], what.clip[0]];
      p.clip = p.clip ? [Math.min(p.clip[0], a), Math.max(p.clip[1], b)] : [a, b];
    }
    if (what.overlay) p.overlay = true;
    if (!this.frameRequested) {
      this.frameRequested = true;
      requestAnimationFrame(() => this.frame());
    }
  }

  /** Draws now (tests and the benchmark call this to time one frame). */
  frame(): number {
    this.frameRequested = false;
    const p = this.pending;
    this.pending = { full: false, clip: null, overlay: false };
    const started = performance.now();
    let kind: 'full' | 'clip' | 'shift' | 'overlay' = 'overlay';
    if (p.full || p.clip) {
      const x = this.zoom.x;
      const [t0, t1] = x.domain();
      const [r0, r1] = x.range();
      const k = (r1 - r0) / (t1 - t0);
      const width = parseFloat(this.renderer.canvas.style.width) || 1;
      const height = parseFloat(this.renderer.canvas.style.height) || 1;
      const before = this.view;
      const next: FrameView = { width, height, scrollTop: this.scroller.scrollTop, x: { k, b: r0 - t0 * k }, t0, t1 };
      let clip: { x0: number; x1: number } | undefined = p.full ? undefined : p.clip ? { x0: p.clip[0], x1: p.clip[1] } : undefined;
      // Following a live run moves the view by whole pixels at the same zoom: move what is drawn
      // (one drawImage) and draw only the strip that came into view plus what the batch changed.
      const dpr = this.renderer.dpr;
      const dx = Math.round((next.x.b - before.x.b) * dpr) / dpr;
      if (p.full && !p.structural && this.drawnVersion === this.version && before.width === width && before.height === height &&
          before.scrollTop === next.scrollTop && Math.abs(next.x.k - before.x.k) <= 1e-9 * before.x.k && dx < 0 && -dx < width) {
        next.x.b = before.x.b + dx;
        next.t0 = -next.x.b / k;
        next.t1 = (width - next.x.b) / k;
        this.renderer.shift(dx);
        clip = { x0: Math.min(width + dx, p.clip ? p.clip[0] : Infinity), x1: width };
        kind = 'shift';
      } else kind = clip ? 'clip' : 'full';
      this.view = next;
      this.ticks = this.axis.update(x, width, AXIS_H);
      const drawn = this.renderer.draw({
        model: this.model, layout: this.layout, view: this.view, findings: this.findings,
        hiddenCategories: this.hiddenCategories, ticks: this.ticks, clip,
      });
      this.drawnVersion = this.version;
      this.showHiddenArrows(drawn.hiddenArrows);
    }
    this.drawOverlay();
    if (this.stats.flush) this.renderer.canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    const ms = performance.now() - started;
    if (kind !== 'overlay') {
      this.stats.frames.push(ms);
      if (this.stats.frames.length > 5000) this.stats.frames.splice(0, 1000);
      if (this.stats.firstPaintAt === null && this.model.eventCount > 0) this.stats.firstPaintAt = performance.now();
    }
    this.root.dataset.frames = String(this.stats.frames.length);
    this.root.dataset.lastFrame = kind;
    return ms;
  }

  private hiddenArrows = 0;
  private showHiddenArrows(n: number): void {
    if (n === this.hiddenArrows) return;
    this.hiddenArrows = n;
    this.arrowsNote.textContent = n > 0 ? `${formatCount(n)} arrows in view: zoom in to see them` : '';
  }

  /** Geometry for tests and the benchmark: rows, the x mapping, what the last frame drew. */
  inspect(): {
    rows: { key: string; kind: string; y: number; h: number }[];
    view: FrameView;
    gutter: number;
    axisHeight: number;
    findings: { kind: string; message: string; pairs: [number, number][]; lost: number }[];
    flows: { kind: number; srcT: number; dstT: number; srcLane: number; dstLane: number; label: number }[];
    times: (ref: number) => number;
  } {
    const f = this.model.flows;
    f.ensureSorted();
    const flows = [];
    for (let i = 0; i < Math.min(f.length, 5000); i++) {
      flows.push({ kind: f.kind[i], srcT: f.srcT[i], dstT: f.dstT[i], srcLane: f.srcLane[i], dstLane: f.dstLane[i], label: f.label[i] });
    }
    return {
      rows: this.layout.rows.map((r) => ({ key: r.key, kind: r.kind === 'lane' ? r.lane.kind : r.kind, y: r.y, h: r.h })),
      view: { ...this.view, x: { ...this.view.x } },
      gutter: GUTTER,
      axisHeight: AXIS_H,
      findings: this.findings.map((x) => ({ kind: x.kind, message: x.message, pairs: x.pairs.slice(0, 50), lost: x.lost })),
      flows,
      times: (ref: number) => this.model.store.slot(ref, 0),
    };
  }

  /** Shows [t0, t1] (tests and the benchmark; users zoom with the wheel, drag and keys). */
  showRange(t0: number, t1: number): void {
    this.zoom.showRange(t0, t1);
  }

  private updateHoverQuiet(): void {
    /* The hovered item keeps its identity across frames; the overlay redraws it in place. */
  }

  private drawOverlay(): void {
    const ctx = this.overlay;
    const dpr = this.renderer.dpr;
    const v = this.view;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, v.width, v.height);
    ctx.translate(0, -v.scrollTop);
    const X = (t: number): number => t * v.x.k + v.x.b;
    if (this.brushed) {
      const [a, b] = this.brushed;
      ctx.fillStyle = this.palette.selection;
      ctx.fillRect(X(Math.min(a, b)), v.scrollTop, Math.abs(X(b) - X(a)), v.height);
    }
    // Search hits: a ring around each matching marker.
    ctx.strokeStyle = this.palette.focus;
    ctx.lineWidth = 2;
    for (const ref of this.searchHits.slice(0, 2000)) {
      const t = this.model.store.slot(ref, 0);
      if (t < v.t0 || t > v.t1) continue;
      const row = this.layout.workerRow.get(this.model.store.slot(ref, Slot.thread));
      if (!row) continue;
      ctx.beginPath();
      ctx.arc(X(t), row.y + 4, 6, 0, Math.PI * 2);
      ctx.stroke();
    }
    for (const [hit, width] of [[this.hover, 1.5], [this.selected, 2.5]] as const) {
      if (!hit) continue;
      ctx.lineWidth = width;
      ctx.strokeStyle = this.palette.focus;
      this.outline(ctx, hit, X);
    }
  }

  private outline(ctx: CanvasRenderingContext2D, hit: Hit, X: (t: number) => number): void {
    const rowOf = (lane: Lane) => this.layout.rows.find((r) => r.kind === 'lane' && r.lane === lane);
    switch (hit.kind) {
      case 'lane': {
        const row = rowOf(hit.lane);
        if (row) ctx.strokeRect(1, row.y + 1, this.view.width - 2, row.h - 2);
        break;
      }
      case 'span':
      case 'core': {
        const row = rowOf(hit.lane);
        if (row) ctx.strokeRect(X(hit.start) - 1, row.y + 2, Math.max(3, X(hit.end) - X(hit.start) + 2), row.h - 4);
        break;
      }
      case 'point':
      case 'race':
      case 'flow': {
        const refs = hit.kind === 'race' ? hit.pair : hit.kind === 'flow' ? [this.model.flows.srcRef[hit.index], this.model.flows.dstRef[hit.index]] : [hit.ref];
        for (const ref of refs) {
          const t = this.model.store.slot(ref, 0);
          const pid = this.model.store.slot(ref, Slot.thread);
          const row = hit.kind === 'point' && hit.lane.kind === 'memory' ? rowOf(hit.lane) : this.layout.workerRow.get(pid);
          if (!row) continue;
          ctx.beginPath();
          ctx.arc(X(t), row.y + row.h / 2, 7, 0, Math.PI * 2);
          ctx.stroke();
        }
        break;
      }
    }
  }
}
