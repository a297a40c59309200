/**
 * The timeline application: owns the model and the view, and wires the parts that do the work,
 * each in its own file (webview/README.md lists them). Protocol messages come in through
 * handle(); what changes is redrawn on the next animation frame (render/frame-scheduler.ts).
 */
import type { ReportSummary, ToWebview } from '../src/shared/protocol';
import type { TraceFooter, TraceHeader } from '../src/shared/trace-file';
import { type ResolvedFinding, resolveFindings } from './model/findings';
import { firstView } from './model/first-view';
import { rangeStats } from './model/range-stats';
import { SearchResults, searchSummary } from './model/search';
import { TraceModel, modelOfTrace } from './model/trace-model';
import { FrameScheduler, afterBatch, sameRange, type Invalidation } from './render/frame-scheduler';
import { type Layout, computeLayout } from './render/layout';
import { PlotCanvases } from './render/plot-canvases';
import { TimeAxis } from './ui/axis';
import type { Commands } from './ui/commands';
import { Gutter } from './ui/gutter';
import { type Hit, hitTest } from './ui/hit';
import { type Host, revealMessage } from './ui/host';
import { wireInput } from './ui/input';
import { laneName } from './ui/lane-text';
import { Selection } from './ui/selection';
import { type Arrangement, arrange } from './ui/responsive';
import { AXIS_H, arrangeShell, buildShell, showStartUp, sizePlot, type Shell } from './ui/shell';
import { SidePanel } from './ui/side-panel';
import { StatusLine } from './ui/status';
import { Toolbar } from './ui/toolbar';
import { Tooltip } from './ui/tooltip';
import { ZoomController } from './ui/zoom-controller';
import { ViewState } from './view-state';

export class TimelineApp {
  model = new TraceModel();
  layout: Layout;
  findings: ResolvedFinding[] = [];
  readonly zoom: ZoomController;
  readonly frames: FrameScheduler;
  /** Gutter width and the side panel's place, for the current width (ui/responsive.ts). */
  arrangement: Arrangement = arrange(1280, undefined);
  private report: ReportSummary | null = null;
  /** A run is streaming in. */
  live = false;
  private brushed: [number, number] | null = null;
  private readonly search = new SearchResults();
  private findingsKey = '';
  private readonly state = new ViewState();
  private readonly shell: Shell;
  private readonly status: StatusLine;
  private readonly toolbar: Toolbar;
  private readonly side: SidePanel;
  private readonly tooltip = new Tooltip();
  private readonly gutter: Gutter;
  private readonly canvases: PlotCanvases;
  private readonly axis: TimeAxis;
  private readonly selection: Selection;

  /** What the toolbar and the keys do. */
  private readonly commands: Commands = {
    fit: () => this.zoom.fit(),
    zoomBy: (k) => this.zoom.zoomBy(k),
    zoomAt: (k, px) => this.zoom.zoomBy(k, px),
    pan: (fraction) => this.zoom.panBy(fraction * this.frames.view.width),
    setFollow: (on) => this.setFollow(on),
    toggleFollow: () => this.setFollow(!this.state.follow),
    setSearch: (text) => this.setSearch(text),
    nextSearchHit: (dir) => {
      const ref = this.search.next(dir);
      if (ref !== null) this.selection.goTo(ref);
    },
    statsForVisibleRange: () => this.axis.setRange([this.frames.view.t0, this.frames.view.t1]),
    clearRange: () => this.axis.setRange(null),
    filtersChanged: () => this.afterFilterChange(),
    moveLane: (dir) => this.selection.moveLane(dir),
    stepEvent: (dir) => this.selection.stepEvent(dir),
    nextFinding: (dir) => this.selection.nextFinding(dir),
    openSource: () => this.selection.openSource(),
    clearSelection: () => this.selection.select(null),
    toggleSide: () => { this.state.side = this.arrangement.side === 'hidden' ? 'open' : 'closed'; this.resize(); this.saveState(); },
  };

  constructor(container: HTMLElement, private readonly host: Host) {
    this.toolbar = new Toolbar(this.commands);
    this.side = new SidePanel((f) => this.selection.focusFinding(f), host.inVsCode ? (loc) => this.host.post(revealMessage(loc)) : null, host.sources);
    this.shell = buildShell(container, this.toolbar.root, this.side.root, this.tooltip.root);
    this.status = new StatusLine(this.shell.status, this.shell.note);
    this.gutter = new Gutter(this.shell.gutter, (lane) => this.selection.select({ kind: 'lane', lane }));
    this.canvases = new PlotCanvases(this.shell.canvas, this.shell.overlay, this.shell.root, this.side.legend);
    this.layout = computeLayout(this.model, this.state.hiddenLanes, this.state.hiddenCategories);
    this.frames = new FrameScheduler({
      renderer: this.canvases.renderer,
      root: this.shell.root,
      x: () => this.zoom.x,
      scrollTop: () => this.shell.scroller.scrollTop,
      axis: (x, width) => this.axis.update(x, width, AXIS_H),
      content: () => ({ model: this.model, layout: this.layout, findings: this.findings, hiddenCategories: this.state.hiddenCategories }),
      drawn: (r) => this.status.setHiddenArrows(r.hiddenArrows),
      overlay: (view) => this.canvases.paintOverlay({
        model: this.model, layout: this.layout, view, brushed: this.brushed, searchHits: this.search.hits, hover: this.selection.hover, selected: this.selection.selected,
      }),
      hasEvents: () => this.model.eventCount > 0,
    });
    this.zoom = new ZoomController(this.shell.plot, (byUser) => this.onZoom(byUser));
    this.axis = new TimeAxis(this.shell.axisSvg, (range) => this.onBrush(range));
    this.selection = new Selection(this, {
      zoom: this.zoom,
      side: this.side,
      tooltip: this.tooltip,
      scroller: this.shell.scroller,
      reveal: (loc) => this.host.post(revealMessage(loc)),
      redrawOverlay: () => this.invalidate({ overlay: true }),
    });
    wireInput({
      shell: this.shell, selection: this.selection, tooltip: this.tooltip, commands: this.commands,
      hitAt: (px, py) => this.hitAt(px, py),
      resized: () => this.resize(),
      scrolled: () => this.invalidate({ full: true }),
      themeChanged: () => { this.canvases.readTheme(); this.invalidate({ structural: true }); },
    });
    this.state.restore(host.getState());
    this.toolbar.showState(this.state);
    this.resize();
  }

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
    this.frames.stats.loadStartedAt = performance.now();
    this.frames.stats.firstPaintAt = null;
    let loaded;
    try {
      loaded = modelOfTrace(bytes, title);
    } catch (error) {
      this.status.failed(`Cannot open this trace: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.reset(title, loaded.model);
    const m = this.model;
    this.live = false;
    this.afterStructureChange();
    const view = this.state.restoredView;
    this.state.restoredView = null;
    this.frameActivity();
    this.zoom.setDomain(m.startTime === Infinity ? 0 : Math.min(0, m.startTime), Math.max(m.endTime, 1e-3), 'fit');
    if (view) this.zoom.showRange(view.t0, view.t1);
    this.status.show(this.model, loaded.truncated ? ' (the file ends early: the run was cut short)' : '');
  }

  private startLive(header: TraceHeader, title: string): void {
    this.reset(title);
    this.model.header = header;
    this.live = true;
    this.setFollow(true);
    this.afterStructureChange();
    this.zoom.setDomain(0, 1, 'fit');
    this.status.show(this.model, ' — running');
  }

  private appendBatch(strings: [number, string][], events: Float64Array): void {
    if (!this.model.header && !this.live) this.live = true;
    this.model.addStrings(strings);
    const before = this.zoom.x.domain() as [number, number];
    const dirty = this.model.ingest(events);
    if (dirty.lanesChanged) this.afterStructureChange();
    else this.refreshFindings(false);
    const end = Math.max(this.model.endTime, 1e-3);
    if (end > this.zoom.domain[1] || this.state.follow) {
      // The run grew: extend the scale (the view moves only when following).
      this.zoom.setDomain(Math.min(0, this.model.startTime), end, this.state.follow ? 'follow' : 'range');
    }
    const x = this.zoom.x;
    const redraw = afterBatch(before, x.domain() as [number, number], dirty.from, this.model.endTime, x, dirty.lanesChanged);
    if (redraw) this.invalidate(redraw);
    this.status.show(this.model, this.live ? ' — running' : '');
  }

  private finish(footer: TraceFooter): void {
    this.model.setFooter(footer);
    this.live = false;
    this.frameActivity(); // (not while live: following keeps the end in view, a shift per batch)
    if (this.state.follow) { this.setFollow(false); this.zoom.fit(); }
    this.afterStructureChange();
    this.status.show(this.model, '');
  }

  setReport(report: ReportSummary): void {
    this.report = report;
    this.refreshFindings(true);
    this.renderGutter();
    this.invalidate({ structural: true });
  }

  /** Fit, `0` and the first view frame the workers' activity (model/first-view.ts). */
  private frameActivity(): void {
    const first = firstView(this.model);
    this.zoom.setFitRange(first && first.startUpMs > 0 ? [first.t0, first.t1] : null);
    showStartUp(this.shell, first ? first.startUpMs : 0);
  }

  private reset(title: string, model = new TraceModel()): void {
    this.model = model;
    model.title = title;
    this.toolbar.setTitle(title);
    this.findings = [];
    this.report = null;
    this.brushed = null;
    this.axis.setRange(null); // (the last run's brush would stand on the new run's axis)
    this.search.clear();
    this.selection.clear();
    this.side.showRange(null);
  }

  private afterStructureChange(): void {
    this.layout = computeLayout(this.model, this.state.hiddenLanes, this.state.hiddenCategories);
    this.refreshFindings(true);
    this.renderGutter();
    this.toolbar.filters.showLanes(this.model.lanes().map((l) => ({ key: l.key, label: `${l.kind}: ${laneName(this.model, l)}` })), this.state.hiddenLanes);
    if (this.state.search) this.setSearch(this.state.search);
    this.resize();
  }

  private refreshFindings(force: boolean): void {
    const key = `${this.model.lost.found.length}:${this.model.footer ? 1 : 0}:${this.report ? this.report.findings.length : -1}`;
    if (!force && key === this.findingsKey) return;
    this.findingsKey = key;
    this.findings = resolveFindings(this.model, this.report?.findings ?? null, this.report);
    this.side.setFindings(this.findings);
  }

  private renderGutter(): void {
    this.gutter.render({ model: this.model, layout: this.layout, findings: this.findings, live: this.live, search: this.state.search });
  }

  resize(): void {
    this.arrangement = arrange(this.shell.root.clientWidth, this.state.side);
    arrangeShell(this.shell, this.arrangement);
    this.toolbar.setSideOpen(this.arrangement.side !== 'hidden');
    const { width, height, cleared } = sizePlot(this.shell, this.arrangement.gutter, this.layout.height, (w, h, dpr) => this.canvases.renderer.resize(w, h, dpr));
    this.zoom.resize(width, height);
    this.invalidate({ structural: true });
    if (cleared) this.frames.frame(); // blank now: a scheduled redraw would show it blank for a frame (see sizePlot)
  }

  private afterFilterChange(): void {
    this.layout = computeLayout(this.model, this.state.hiddenLanes, this.state.hiddenCategories);
    this.renderGutter();
    this.resize();
    this.saveState();
  }

  private setSearch(text: string): void {
    this.state.search = text;
    this.search.update(this.model, text);
    const names = this.layout.rows.flatMap((r) => (r.kind === 'lane' ? [laneName(this.model, r.lane)] : []));
    this.toolbar.setSearchCount(searchSummary(text, names, this.search.hits.length));
    this.renderGutter();
    this.invalidate({ overlay: true });
    this.saveState();
  }

  private onZoom(byUser: boolean): void {
    if (byUser && this.state.follow && this.live) this.setFollow(false);
    if (byUser) this.selection.leave(); // the tooltip's event may no longer be under the pointer
    // A programmatic transform that shows what is already drawn (the scale grew under a live
    // run, the visible range kept) needs no redraw.
    if (!sameRange(this.zoom.x.domain() as [number, number], [this.frames.view.t0, this.frames.view.t1])) this.invalidate({ full: true });
    this.saveState();
  }

  private onBrush(range: [number, number] | null): void {
    this.brushed = range;
    this.side.showRange(range ? rangeStats(this.model, Math.min(range[0], range[1]), Math.max(range[0], range[1])) : null);
    this.invalidate({ overlay: true });
  }

  private setFollow(on: boolean): void {
    this.state.follow = on;
    this.toolbar.setFollow(on);
    const m = this.model;
    if (on) this.zoom.setDomain(Math.min(0, m.startTime === Infinity ? 0 : m.startTime), Math.max(m.endTime, 1e-3), 'follow');
    this.saveState();
  }

  private saveState(): void {
    this.state.saveSoon(this.host, () => this.state.snapshot(this.zoom.x.domain() as [number, number], this.zoom.domain));
  }

  private invalidate(what: Invalidation): void { this.frames.invalidate(what); }

  private hitAt(px: number, py: number): Hit | null { return hitTest(this.model, this.layout, this.frames.view, this.findings, px, py + this.frames.view.scrollTop); }
}
