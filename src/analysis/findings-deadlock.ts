/**
 * deadlock findings: the wait-for cycle the runner's live detector reported in the footer, or,
 * when the trace has none (the runner died, or the cycle went unseen), a cycle of untimed waits
 * still open at the end of the trace (a lock wait points at the lock's holder, a join at the
 * joined process). Timed waits never count: they time out, as Python's do. When the runner
 * stopped a run as a deadlock without a cycle (every process blocked, say main on a Queue nobody
 * will feed), the finding names each stuck wait and the runner's message.
 */
import { BlockReason } from '../shared/events';
import type { DeadlockEdge } from '../shared/trace-file';
import type { AnalysisPass } from './analysis-pass';
import { LocationList, NameList, where } from './finding-parts';
import type { DeadlockDetail, DeadlockWait, Finding } from './report';
import type { TraceModel } from './trace-model';

export function deadlockFindings(model: TraceModel, pass: AnalysisPass): { findings: Finding[]; details: DeadlockDetail[] } {
  const fromRunner = model.footer?.deadlock?.edges ?? [];
  const edges = fromRunner.length > 0 ? fromRunner : cycleInTrace(model, pass);
  let waits: DeadlockWait[];
  let source: DeadlockDetail['source'];
  if (edges.length > 0) {
    waits = edges.map((e) => describe(model, pass, e));
    source = fromRunner.length > 0 ? 'runner' : 'trace';
  } else if (model.footer?.result === 'deadlock') {
    waits = stuckWaits(model, pass);
    source = 'stalled';
  } else {
    return { findings: [], details: [] };
  }
  const objects = new NameList();
  const processes = new NameList();
  const locations = new LocationList();
  for (const w of waits) {
    objects.add(w.object);
    processes.add(w.waiter);
    locations.add(w.waitLocation).add(w.holdLocation);
  }
  const parts = waits.map((w) =>
    `${w.waiter} waits for ${w.object} at ${where(w.waitLocation)}` +
    (w.holder === null ? '' : `, held by ${w.holder}`) +
    (w.holdLocation ? ` (taken at ${where(w.holdLocation)})` : ''),
  );
  let message = `Deadlock: ${parts.join('; ')}.`;
  if (source === 'stalled') {
    // Plain programs' threads may also be idle (nothing but message ports left), not only blocked.
    const who = waits.some((w) => w.object.endsWith('(Atomics.wait)')) ? 'every thread is blocked or idle and nothing can wake any of them' : 'every process is blocked and none can proceed';
    message = parts.length > 0
      ? `Deadlock: ${who}: ${parts.join('; ')}.`
      : `Deadlock: ${model.footer?.message ?? 'every process is blocked and none can proceed'}.`;
  }
  const finding: Finding = {
    kind: 'deadlock',
    message,
    objects: objects.names,
    processes: processes.names,
    locations: locations.locations,
  };
  return { findings: [finding], details: [{ finding: 0, source, waits }] };
}

/** Waits that never ended: still open at the end, or ended only because the run was stopped. */
function stuckWaits(model: TraceModel, pass: AnalysisPass): DeadlockWait[] {
  const waits: DeadlockWait[] = [];
  for (let t = 0; t < model.threads.count; t++) {
    const block = pass.lastBlock[t];
    if (!block || !pass.stuck(t)) continue;
    const pid = model.threads.pids[t];
    const isJoin = block.reason === BlockReason.JOIN;
    const holder = isJoin ? -1 : pass.held.holderOf(block.obj);
    waits.push({
      waiter: model.processName(pid),
      waiterPid: pid,
      object: isJoin ? model.processName(block.obj)
        : block.reason === BlockReason.ATOMICS_WAIT ? `${model.objectName(block.obj)} at byte ${block.detail} (Atomics.wait)`
        : model.objectName(block.obj),
      holder: holder >= 0 ? model.processNameOfThread(holder) : null,
      holderPid: holder >= 0 ? model.threads.pids[holder] : null,
      waitLocation: model.location(block.loc),
      holdLocation: null,
    });
  }
  return waits;
}

function describe(model: TraceModel, pass: AnalysisPass, edge: DeadlockEdge): DeadlockWait {
  const t = model.threads.dense(edge.waiter);
  const block = t >= 0 ? pass.lastBlock[t] : null;
  const isJoin = block?.reason === BlockReason.JOIN || (block === null && !model.objects.has(edge.object) && model.processes.has(edge.object));
  const last = isJoin ? null : pass.held.lastAcquisition(edge.object);
  return {
    waiter: model.processName(edge.waiter),
    waiterPid: edge.waiter,
    object: isJoin ? model.processName(edge.object) : model.objectName(edge.object),
    holder: model.processName(edge.holder),
    holderPid: edge.holder,
    waitLocation: block ? model.location(block.loc) : null,
    holdLocation: last && model.threads.pids[last.thread] === edge.holder ? model.location(last.loc) : null,
  };
}

/** A cycle of untimed waits open at the end of the trace, as runner-style edges. */
function cycleInTrace(model: TraceModel, pass: AnalysisPass): DeadlockEdge[] {
  const T = model.threads.count;
  const waitsOn = new Int32Array(T).fill(-1);
  for (let t = 0; t < T; t++) {
    const block = pass.lastBlock[t];
    if (!block || !pass.stuck(t)) continue;
    if (block.reason === BlockReason.LOCK) waitsOn[t] = pass.held.holderOf(block.obj);
    else if (block.reason === BlockReason.JOIN) {
      const joined = model.threads.dense(block.obj);
      waitsOn[t] = joined >= 0 && (!pass.exited[joined] || pass.stuck(joined)) ? joined : -1;
    }
  }
  for (let start = 0; start < T; start++) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let t = start;
    while (t >= 0 && !onPath.has(t)) {
      onPath.set(t, path.length);
      path.push(t);
      t = waitsOn[t];
    }
    if (t < 0) continue;
    const cycle = path.slice(onPath.get(t));
    return cycle.map((w) => ({
      waiter: model.threads.pids[w],
      object: pass.lastBlock[w]!.obj,
      holder: model.threads.pids[waitsOn[w]],
    }));
  }
  return [];
}
