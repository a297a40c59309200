/**
 * Vertical layout: which rows the timeline shows, in which order, at which y (CSS pixels from
 * the top of the lanes area). Sections follow the anchors: utilisation and cores on top
 * (Concurrency Visualizer's Cores view), then worker lanes, then lock lanes (Tracy), then shared
 * memory objects. Hidden lanes (filters) are left out.
 */
import type { CoreLane, Lane, LockLane, MemoryLane, WorkerLane } from '../model/lanes';
import type { TraceModel } from '../model/trace-model';

export type Row =
  | { kind: 'header'; key: string; title: string; y: number; h: number }
  | { kind: 'util'; key: 'util'; y: number; h: number }
  | { kind: 'lane'; key: string; lane: Lane; y: number; h: number };

export interface Layout {
  rows: Row[];
  height: number;
  /** Row of each worker by pid, of each core by cpu, of each object lane by object id. */
  workerRow: Map<number, Row>;
  coreRow: Map<number, Row>;
  objectRow: Map<number, Row>;
}

export const ROW_H = { header: 20, util: 34, core: 16, worker: 28, lock: 22, memory: 18 } as const;

export function computeLayout(model: TraceModel, hidden: ReadonlySet<string>, hiddenCategories: ReadonlySet<string>): Layout {
  const rows: Row[] = [];
  let y = 0;
  const workerRow = new Map<number, Row>();
  const coreRow = new Map<number, Row>();
  const objectRow = new Map<number, Row>();
  const header = (key: string, title: string): void => {
    rows.push({ kind: 'header', key, title, y, h: ROW_H.header });
    y += ROW_H.header;
  };
  const lane = (l: Lane, h: number): Row => {
    const row: Row = { kind: 'lane', key: l.key, lane: l, y, h };
    rows.push(row);
    y += h;
    return row;
  };

  const workers = [...model.workers.values()].sort((a, b) => a.pid - b.pid);
  if (workers.length > 0 && !hidden.has('util')) {
    rows.push({ kind: 'util', key: 'util', y, h: ROW_H.util });
    y += ROW_H.util;
  }
  const cores = [...model.cores.values()].sort((a, b) => a.cpu - b.cpu).filter((c: CoreLane) => !hidden.has(c.key));
  if (cores.length > 0 && !hiddenCategories.has('cores')) {
    header('h:cores', `Cores (${cores.length})`);
    for (const c of cores) coreRow.set(c.cpu, lane(c, ROW_H.core));
  }
  const shownWorkers = workers.filter((w: WorkerLane) => !hidden.has(w.key));
  if (shownWorkers.length > 0) {
    header('h:workers', `Workers (${shownWorkers.length})`);
    for (const w of shownWorkers) workerRow.set(w.pid, lane(w, ROW_H.worker));
  }
  const locks = [...model.locks.values()].sort((a, b) => a.obj - b.obj).filter((l: LockLane) => !hidden.has(l.key));
  if (locks.length > 0 && !hiddenCategories.has('locks')) {
    header('h:locks', `Locks (${locks.length})`);
    for (const l of locks) objectRow.set(l.obj, lane(l, ROW_H.lock));
  }
  const memory = [...model.memory.values()].sort((a, b) => a.obj - b.obj).filter((m: MemoryLane) => !hidden.has(m.key));
  if (memory.length > 0 && !hiddenCategories.has('memory')) {
    header('h:memory', `Shared memory (${memory.length})`);
    for (const m of memory) objectRow.set(m.obj, lane(m, ROW_H.memory));
  }
  return { rows, height: y, workerRow, coreRow, objectRow };
}

/** The row at y, by binary search. */
export function rowAt(layout: Layout, y: number): Row | null {
  const rows = layout.rows;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = rows[mid];
    if (y < r.y) hi = mid - 1;
    else if (y >= r.y + r.h) lo = mid + 1;
    else return r;
  }
  return null;
}
