/**
 * What each lane of the timeline holds. A lane's `key` ("w:3", "l:12", "m:4", "c:0") names it in
 * filters and saved state; ids are process ids, object ids or cpu numbers.
 */
import { defaultProcessName } from '../../src/shared/names';
import { PointColumn, SpanColumn } from './columns';
import { State } from './states';

export interface OpenSpan {
  start: number;
  state: number;
  ref: number;
}

export interface WorkerLane {
  kind: 'worker';
  key: string;
  pid: number;
  /** String id of the name (PROC_START) or -1 (then the name comes from the footer or a default). */
  nameId: number;
  fallbackName: string;
  spans: SpanColumn;
  /** The state span still running (drawn to the end of the trace). */
  open: OpenSpan | null;
  points: PointColumn;
  /** span(label) and pool tasks, drawn as brackets; ref = begin event. */
  marks: SpanColumn;
  openMarks: OpenSpan[];
  began: boolean;
  exited: boolean;
  exitRef: number;
}

export interface LockLane {
  kind: 'lock';
  key: string;
  obj: number;
  /** Hold spans; state HOLDING or CONTENDED; ref = the acquire event. */
  holds: SpanColumn;
  /** Open holds by acquisition sequence number. */
  openHolds: Map<number, OpenSpan>;
  /** Wait spans (request → acquired/failed), one per waiter; ref = the request event. */
  waits: SpanColumn;
  openWaits: Map<number, OpenSpan>;
  acquisitions: number;
  contended: number;
  waitMs: number;
  holdMs: number;
}

export interface MemoryLane {
  kind: 'memory';
  key: string;
  obj: number;
  /** Reads and writes by every worker; ref = the event. */
  points: PointColumn;
  lostUpdates: number;
}

export interface CoreLane {
  kind: 'core';
  key: string;
  cpu: number;
  /** Which process ran here: ref = pid. */
  spans: SpanColumn;
}

export type Lane = WorkerLane | LockLane | MemoryLane | CoreLane;

export function newWorkerLane(pid: number): WorkerLane {
  return {
    kind: 'worker',
    key: `w:${pid}`,
    pid,
    nameId: -1,
    fallbackName: defaultProcessName(pid),
    spans: new SpanColumn(false),
    open: null,
    points: new PointColumn(),
    marks: new SpanColumn(true),
    openMarks: [],
    began: false,
    exited: false,
    exitRef: -1,
  };
}

export function newLockLane(obj: number): LockLane {
  return {
    kind: 'lock',
    key: `l:${obj}`,
    obj,
    holds: new SpanColumn(true),
    openHolds: new Map(),
    waits: new SpanColumn(true),
    openWaits: new Map(),
    acquisitions: 0,
    contended: 0,
    waitMs: 0,
    holdMs: 0,
  };
}

export function newMemoryLane(obj: number): MemoryLane {
  return { kind: 'memory', key: `m:${obj}`, obj, points: new PointColumn(), lostUpdates: 0 };
}

export function newCoreLane(cpu: number): CoreLane {
  return { kind: 'core', key: `c:${cpu}`, cpu, spans: new SpanColumn(true) };
}

/** Moves a worker lane to a new state at time t. */
export function setState(w: WorkerLane, t: number, state: number, ref: number): void {
  const open = w.open;
  if (open) {
    if (open.state === state) return;
    if (t > open.start) w.spans.push(open.start, t, open.state, open.ref);
  }
  w.open = { start: t, state, ref };
}

/** Closes the innermost open bracket of `state` (a task, a user span, a waitAsync) at t. */
export function closeMark(w: WorkerLane, t: number, state: number): void {
  for (let i = w.openMarks.length - 1; i >= 0; i--) {
    const m = w.openMarks[i];
    if (m.state === state) {
      w.marks.push(m.start, t, m.state, m.ref);
      w.openMarks.splice(i, 1);
      return;
    }
  }
}

/** The wait of `pid` on the lock ends at t (acquired or given up). */
export function endWait(l: LockLane, pid: number, t: number): void {
  const wait = l.openWaits.get(pid);
  if (!wait) return;
  l.openWaits.delete(pid);
  l.waits.push(wait.start, t, State.LOCK_WAIT, wait.ref);
  l.waitMs += t - wait.start;
}

/** The lane of `key` in `lanes`, made on first use. */
export function laneOf<L>(lanes: Map<number, L>, key: number, make: (key: number) => L): L {
  let lane = lanes.get(key);
  if (!lane) {
    lane = make(key);
    lanes.set(key, lane);
  }
  return lane;
}
