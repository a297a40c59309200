/**
 * Findings, as the timeline draws them. The narrow input is the report's finding shape
 * (`{ kind, message, objects, processes, locations }`, names not ids, as in
 * `interleave report --json`), so the analysis room's report plugs in unchanged. `resolveFindings`
 * ties each one back to events of the trace — the accesses to mark and join for a race, the lanes
 * of a deadlock — using names and source lines, and adds the webview's own local findings (lost
 * updates from access versions, the footer's deadlock cycle).
 */
import { EventKind, Slot } from '../../src/shared/events';
import type { ReportFinding, ReportSummary } from '../../src/shared/protocol';
import { parseLocation, sameFile, shortFile } from './locations';
import { type TraceModel, usableTime } from './trace-model';

/** A finding as the timeline draws it: the report's (ReportFinding, one type for every room)
 *  tied to the events, lanes and objects of this trace. */
export interface ResolvedFinding extends ReportFinding {
  /** Event pairs to mark and join (race: the two conflicting accesses). */
  pairs: [number, number][];
  /** Process ids whose lanes this finding concerns. */
  pids: number[];
  /** Object ids it concerns. */
  objs: number[];
  /** Lost updates counted on the object, when known. */
  lost: number;
  /** Deadlock: waiter → object → holder edges (pids and object id). */
  edges: { waiter: number; object: number; holder: number }[];
  /** Where to centre the view for this finding. */
  time: number | null;
  source: 'report' | 'local' | 'footer';
}

const MAX_PAIRS = 500;

function pidsByName(model: TraceModel, names: string[]): number[] {
  const out: number[] = [];
  for (const pid of model.workers.keys()) if (names.includes(model.processName(pid))) out.push(pid);
  return out;
}

function objsByName(model: TraceModel, names: string[]): number[] {
  const out: number[] = [];
  for (const id of model.objects.keys()) if (names.includes(model.objectName(id))) out.push(id);
  return out;
}

function locOf(model: TraceModel, ref: number): { file: string; line: number } | null {
  const id = model.store.slot(ref, Slot.loc);
  return id >= 0 ? parseLocation(model.name(id)) : null;
}

/** The local lost-update findings, one per object. */
function localLostUpdates(model: TraceModel): ResolvedFinding[] {
  const byObj = new Map<number, ResolvedFinding>();
  for (const u of model.lost.found) {
    let f = byObj.get(u.obj);
    if (!f) {
      f = {
        kind: 'lost-update', message: '', objects: [model.objectName(u.obj)], processes: [], locations: [],
        pairs: [], pids: [], objs: [u.obj], lost: 0, edges: [], time: null, source: 'local',
      };
      byObj.set(u.obj, f);
    }
    f.lost += u.lost;
    const other = model.lost.writeAt(u.obj, u.index, u.readVersion);
    const pid = model.store.slot(u.writeRef, Slot.thread);
    if (!f.pids.includes(pid)) f.pids.push(pid);
    if (other >= 0) {
      const otherPid = model.store.slot(other, Slot.thread);
      if (!f.pids.includes(otherPid)) f.pids.push(otherPid);
      if (f.pairs.length < MAX_PAIRS) f.pairs.push([other, u.writeRef]);
    }
    if (f.time === null) f.time = model.store.slot(u.writeRef, Slot.time);
    for (const ref of other >= 0 ? [other, u.writeRef] : [u.writeRef]) {
      const loc = locOf(model, ref);
      if (loc && !f.locations.some((l) => l.file === loc.file && l.line === loc.line) && f.locations.length < 8) f.locations.push({ file: loc.file, line: loc.line });
    }
  }
  for (const f of byObj.values()) {
    f.processes = f.pids.map((p) => model.processName(p));
    const where = f.locations.map((l) => `${shortFile(l.file)}:${l.line}`).join(', ');
    f.message = `${f.lost} lost update${f.lost === 1 ? '' : 's'} on ${f.objects[0]}: a read-modify-write was overwritten by another worker${where ? ` (${where})` : ''}`;
  }
  return [...byObj.values()];
}

function footerDeadlock(model: TraceModel): ResolvedFinding | null {
  const cycle = model.footer?.deadlock;
  if (!cycle || cycle.edges.length === 0) return null;
  const pids = cycle.edges.map((e) => e.waiter);
  const objs = cycle.edges.map((e) => e.object);
  const parts = cycle.edges.map((e) => `${model.processName(e.waiter)} waits for ${model.objectName(e.object)} held by ${model.processName(e.holder)}`);
  return {
    kind: 'deadlock', message: `Deadlock: ${parts.join('; ')}`, objects: objs.map((o) => model.objectName(o)),
    processes: pids.map((p) => model.processName(p)), locations: [], pairs: [], pids, objs, lost: 0,
    edges: cycle.edges.map((e) => ({ ...e })), time: model.endTime, source: 'footer',
  };
}

/** Workers that ended with an uncaught error, from the footer (until a report says so). */
function footerErrors(model: TraceModel): ResolvedFinding[] {
  const out: ResolvedFinding[] = [];
  for (const p of model.footer?.processes ?? []) {
    if (!p.error) continue;
    const lane = model.workers.get(p.id);
    out.push({
      kind: 'worker-error', message: `${p.name} failed: ${p.error}`, objects: [], processes: [p.name], locations: [],
      pairs: [], pids: [p.id], objs: [], lost: 0, edges: [],
      time: lane && lane.exitRef >= 0 ? model.store.slot(lane.exitRef, Slot.time) : null, source: 'footer',
    });
  }
  return out;
}

/** Whether a kind is an access of shared memory: a Value/Array's, or a plain program's buffer's. */
function isAccess(kind: number): boolean {
  return kind === EventKind.READ || kind === EventKind.WRITE || (kind >= EventKind.SHM_READ && kind <= EventKind.ATOMIC) ||
    kind === EventKind.SHM_RANGE_READ || kind === EventKind.SHM_RANGE_WRITE;
}

function isWrite(kind: number): boolean {
  return kind === EventKind.WRITE || kind === EventKind.SHM_WRITE || kind === EventKind.SHM_RANGE_WRITE || kind === EventKind.ATOMIC;
}

/** Access events (READ/WRITE) of the named objects by the named processes, matched by line. */
function raceAccesses(model: TraceModel, f: ReportFinding, pids: number[], objs: number[]): [number, number][] {
  const perProcess = new Map<number, number[]>();
  for (const obj of objs) {
    const lane = model.memory.get(obj);
    if (!lane) continue;
    const n = Math.min(lane.points.length, 200000);
    for (let i = 0; i < n; i++) {
      const ref = lane.points.ref[i];
      const pid = model.store.slot(ref, Slot.thread);
      if (!pids.includes(pid)) continue;
      if (f.locations.length > 0) {
        const loc = locOf(model, ref);
        if (!loc || !f.locations.some((l) => l.line === loc.line && sameFile(loc.file, l.file))) continue;
      }
      let list = perProcess.get(pid);
      if (!list) perProcess.set(pid, (list = []));
      if (list.length < 2000) list.push(ref);
    }
  }
  const lists = [...perProcess.values()];
  if (lists.length < 2) return [];
  // The closest pair in time between the first two processes, preferring one with a write.
  let best: [number, number] | null = null;
  let bestGap = Infinity;
  for (const x of lists[0]) {
    const tx = model.store.slot(x, Slot.time);
    for (const y of lists[1]) {
      const gap = Math.abs(model.store.slot(y, Slot.time) - tx);
      const writes = isWrite(model.store.slot(x, Slot.kind)) || isWrite(model.store.slot(y, Slot.kind));
      if (writes && gap < bestGap) {
        bestGap = gap;
        best = [x, y];
      }
    }
  }
  return best ? [best] : [];
}

/** A report's record index, if it names an access event of this model. */
function accessRef(model: TraceModel, record: number | null): number | null {
  if (record === null || record < 0 || record >= model.eventCount) return null;
  const kind = model.store.slot(record, Slot.kind);
  // (a record without a usable time is stored but not drawn: nothing to mark or centre on)
  if (!usableTime(model.store.slot(record, Slot.time))) return null;
  return isAccess(kind) ? record : null;
}

/** Event pairs and edges the report's detail gives for finding i (record indices checked). */
function detailOf(model: TraceModel, detail: Omit<ReportSummary, 'findings'> | null, i: number): { pairs: [number, number][]; lost: number; edges: ResolvedFinding['edges'] } {
  const pairs: [number, number][] = [];
  let lost = 0;
  const edges: ResolvedFinding['edges'] = [];
  for (const r of detail?.races ?? []) {
    if (r.finding !== i || pairs.length >= MAX_PAIRS) continue;
    const a = accessRef(model, r.first.record);
    const b = accessRef(model, r.second.record);
    if (a !== null && b !== null) pairs.push([a, b]);
  }
  for (const l of detail?.lostUpdates ?? []) {
    if (l.finding !== i) continue;
    lost += l.lost;
    for (const u of l.updates) {
      const a = accessRef(model, u.overwrittenRecord);
      const b = accessRef(model, u.writeRecord);
      if (a !== null && b !== null && pairs.length < MAX_PAIRS) pairs.push([a, b]);
    }
  }
  for (const d of detail?.deadlocks ?? []) {
    if (d.finding !== i) continue;
    for (const w of d.waits) {
      const object = [...model.objects.keys()].find((id) => model.objectName(id) === w.object) ?? -1;
      if (w.holderPid !== null) edges.push({ waiter: w.waiterPid, object, holder: w.holderPid });
    }
  }
  return { pairs, lost, edges };
}

/** Resolves report findings (if any) and adds the local ones. */
export function resolveFindings(model: TraceModel, report: readonly ReportFinding[] | null, detail: Omit<ReportSummary, 'findings'> | null = null): ResolvedFinding[] {
  const out: ResolvedFinding[] = [];
  const local = localLostUpdates(model);
  const deadlock = footerDeadlock(model);
  let reportHasDeadlock = false;
  let index = -1;
  for (const f of report ?? []) {
    index++;
    const exact = detailOf(model, detail, index);
    const pids = pidsByName(model, f.processes);
    const objs = objsByName(model, f.objects);
    const r: ResolvedFinding = {
      kind: f.kind, message: f.message, objects: f.objects, processes: f.processes, locations: f.locations,
      pairs: [], pids, objs, lost: 0, edges: [], time: null, source: 'report',
    };
    if (f.kind === 'data-race' || f.kind === 'lost-update') {
      // The report's own event pairs when it has them; else ours (lost updates) or a match by
      // name and line. The local finding for the same object is replaced either way.
      const mine = f.kind === 'lost-update' ? local.find((l) => l.objs.some((o) => objs.includes(o))) : undefined;
      if (mine) local.splice(local.indexOf(mine), 1);
      // Lost updates are counted once, by the analysis: its count stands even where our pairs are
      // drawn (the local count is a fallback before a report, and counts differently).
      r.lost = exact.lost;
      if (exact.pairs.length > 0) r.pairs = exact.pairs;
      else if (mine) r.pairs = mine.pairs;
      else r.pairs = raceAccesses(model, f, pids, objs);
    }
    if (f.kind === 'deadlock') {
      reportHasDeadlock = reportHasDeadlock || (deadlock !== null || exact.edges.length > 0);
      r.edges = exact.edges.length > 0 ? exact.edges : deadlock?.edges ?? [];
    }
    if (r.pairs.length > 0) r.time = model.store.slot(r.pairs[0][0], Slot.time);
    else if (f.kind === 'deadlock' || f.kind === 'timeout') r.time = model.endTime;
    out.push(r);
  }
  out.push(...local);
  if (deadlock && !reportHasDeadlock) out.unshift(deadlock);
  if (!(report ?? []).some((f) => f.kind === 'worker-error')) out.push(...footerErrors(model));
  return out;
}
