/**
 * The selection and the hover: what is selected shows in the detail pane and is outlined on the
 * overlay; what is hovered gets a tooltip. Also moves the selection from the keyboard (next lane,
 * next event, next finding) and from the findings list, keeping the selected thing in view.
 */
import { Slot } from '../../src/shared/events';
import type { ResolvedFinding } from '../model/findings';
import type { TraceModel } from '../model/trace-model';
import type { Layout } from '../render/layout';
import type { FrameView } from '../render/view';
import { detailOf, findingDetail } from './details';
import type { Hit } from './hit';
import { findingFocus, nextLaneRow, selectedLane, stepTarget } from './navigation';
import type { Location } from '../model/locations';
import type { DetailContent, SidePanel } from './side-panel';
import type { Tooltip } from './tooltip';
import type { ZoomController } from './zoom-controller';

/** What the selection reads of the timeline (the app itself). */
export interface TimelineData {
  readonly model: TraceModel;
  readonly layout: Layout;
  readonly findings: readonly ResolvedFinding[];
  readonly live: boolean;
  readonly frames: { readonly view: FrameView };
}

/** The parts it drives. */
export interface SelectionContext {
  readonly zoom: ZoomController;
  readonly side: SidePanel;
  readonly tooltip: Tooltip;
  readonly scroller: HTMLElement;
  reveal(loc: Location): void;
  redrawOverlay(): void;
}

export class Selection {
  selected: Hit | null = null;
  hover: Hit | null = null;
  private findingCursor = -1;

  constructor(private readonly t: TimelineData, private readonly c: SelectionContext) {}

  detail(hit: Hit): DetailContent {
    return detailOf(this.t.model, hit, this.t.findings, this.t.live);
  }

  select(hit: Hit | null, reveal = false): void {
    this.selected = hit;
    this.c.side.showDetail(hit ? this.detail(hit) : null);
    this.c.redrawOverlay();
    if (reveal && hit) {
      const loc = this.detail(hit).location;
      if (loc) this.c.reveal(loc);
    }
  }

  /** The source location of a hit, if it has one (a double-click opens it). */
  sourceOf(hit: Hit): Location | null {
    return this.detail(hit).location;
  }

  /** A new trace: nothing selected or hovered. */
  clear(): void {
    this.selected = null;
    this.hover = null;
    this.findingCursor = -1;
    this.c.side.showDetail(null);
  }

  hoverOver(hit: Hit | null, clientX: number, clientY: number): void {
    this.hover = hit && hit.kind !== 'lane' ? hit : null;
    if (this.hover) this.c.tooltip.show(this.detail(this.hover), clientX, clientY);
    else this.c.tooltip.hide();
    this.c.redrawOverlay();
  }

  leave(): void {
    this.hover = null;
    this.c.tooltip.hide();
    this.c.redrawOverlay();
  }

  openSource(): void {
    const loc = this.selected ? this.detail(this.selected).location : null;
    if (loc) this.c.reveal(loc);
  }

  /** Selects an event on its worker's lane and centres the view on it (a search hit). */
  goTo(ref: number): void {
    const model = this.t.model;
    this.centerOn(model.store.slot(ref, Slot.time));
    const lane = model.workers.get(model.store.slot(ref, Slot.thread));
    if (lane) this.select({ kind: 'point', lane, ref });
  }

  moveLane(dir: 1 | -1): void {
    const row = nextLaneRow(this.t.layout, selectedLane(this.selected), dir);
    if (!row) return;
    this.select({ kind: 'lane', lane: row.lane });
    const { scroller } = this.c;
    if (row.y < scroller.scrollTop || row.y + row.h > scroller.scrollTop + this.t.frames.view.height) scroller.scrollTop = row.y - 40;
  }

  stepEvent(dir: 1 | -1): void {
    const view = this.t.frames.view;
    const to = stepTarget(this.t.model, this.selected, view.t0, dir);
    if (!to) return;
    this.select({ kind: 'point', lane: to.lane, ref: to.ref });
    if (to.time < view.t0 || to.time > view.t1) this.centerOn(to.time);
  }

  nextFinding(dir: 1 | -1): void {
    const findings = this.t.findings;
    if (findings.length === 0) return;
    this.findingCursor = (this.findingCursor + dir + findings.length) % findings.length;
    this.focusFinding(findings[this.findingCursor]);
  }

  focusFinding(f: ResolvedFinding): void {
    const focus = findingFocus(this.t.model, f);
    if (focus.kind === 'pair') {
      this.c.zoom.showRange(focus.range[0], focus.range[1]);
      this.select(focus.hit);
      return;
    }
    if (focus.time !== null) this.centerOn(focus.time);
    this.c.side.showDetail(findingDetail(f));
    if (focus.lane) this.selected = { kind: 'lane', lane: focus.lane };
    this.c.redrawOverlay();
  }

  centerOn(t: number): void {
    const [a, b] = this.c.zoom.x.domain();
    const half = (b - a) / 2;
    this.c.zoom.showRange(t - half, t + half);
  }
}
