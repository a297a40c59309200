/**
 * What tests and the benchmark reach in the page (`globalThis.__interleave.app`): the model, the
 * frame timings, drawing a frame now, the geometry of the last frame. Kept out of the app so the
 * production class carries no test surface; nothing here changes what a user sees.
 */
import type { ToWebview } from '../src/shared/protocol';
import type { TimelineApp } from './app';
import type { TraceModel } from './model/trace-model';
import type { Invalidation, RenderStats } from './render/frame-scheduler';
import type { FrameView } from './render/view';
import { AXIS_H } from './ui/shell';

export interface Inspection {
  rows: { key: string; kind: string; y: number; h: number }[];
  view: FrameView;
  gutter: number;
  side: 'beside' | 'below' | 'hidden';
  axisHeight: number;
  findings: { kind: string; message: string; pairs: [number, number][]; lost: number }[];
  flows: { kind: number; srcT: number; dstT: number; srcLane: number; dstLane: number; label: number }[];
  /** The run's first and last event, and the first event of a worker but main. */
  activity: { startTime: number; activityStart: number; endTime: number };
  times: (ref: number) => number;
}

export interface TestHooks {
  readonly model: TraceModel;
  readonly stats: RenderStats;
  handle(msg: ToWebview): void;
  loadTrace(bytes: Uint8Array, title: string): void;
  frame(): number;
  invalidate(what: Invalidation): void;
  showRange(t0: number, t1: number): void;
  inspect(): Inspection;
}

/** Flows listed by inspect(): enough for any test, bounded for a million-flow trace. */
const MAX_FLOWS = 5000;

export function testHooks(app: TimelineApp): TestHooks {
  return {
    get model() { return app.model; },
    get stats() { return app.frames.stats; },
    handle: (msg) => app.handle(msg),
    loadTrace: (bytes, title) => app.loadTrace(bytes, title),
    frame: () => app.frames.frame(),
    invalidate: (what) => app.frames.invalidate(what),
    showRange: (t0, t1) => app.zoom.showRange(t0, t1),
    inspect: () => inspect(app),
  };
}

function inspect(app: TimelineApp): Inspection {
  const model = app.model;
  const f = model.flows;
  f.ensureSorted();
  const flows = [];
  for (let i = 0; i < Math.min(f.length, MAX_FLOWS); i++) {
    flows.push({ kind: f.kind[i], srcT: f.srcT[i], dstT: f.dstT[i], srcLane: f.srcLane[i], dstLane: f.dstLane[i], label: f.label[i] });
  }
  const view = app.frames.view;
  return {
    rows: app.layout.rows.map((r) => ({ key: r.key, kind: r.kind === 'lane' ? r.lane.kind : r.kind, y: r.y, h: r.h })),
    view: { ...view, x: { ...view.x } },
    gutter: app.arrangement.gutter,
    side: app.arrangement.side,
    axisHeight: AXIS_H,
    findings: app.findings.map((x) => ({ kind: x.kind, message: x.message, pairs: x.pairs.slice(0, 50), lost: x.lost })),
    flows,
    activity: { startTime: model.startTime, activityStart: model.activityStart, endTime: model.endTime },
    times: (ref: number) => model.store.slot(ref, 0),
  };
}
