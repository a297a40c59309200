/**
 * The entry point: a parsed trace in, the report out.
 *
 *   model (one pass in file order) → time order (sort-events) → one causal walk feeding every
 *   detector (analysis-pass) → findings and statistics.
 *
 * Pure: no I/O, no clocks, no randomness; the same trace always gives the same report.
 */
import { ObjectKind, blockReasonName, objectKindName } from '../shared/events';
import type { ParsedTrace, RunResult } from '../shared/trace-file';
import { AnalysisPass } from './analysis-pass';
import { walkCausally } from './causal-walk';
import { roundMs } from './finding-parts';
import { deadlockFindings } from './findings-deadlock';
import { timeoutFindings, workerErrorFindings } from './findings-lifecycle';
import { abandonedLockFindings, lockOrderFindings } from './findings-locks';
import { lostUpdateFindings, raceFindings } from './findings-races';
import type { Finding, LockDetail, QueueDetail, Report, WorkerTime } from './report';
import { sortOrderOf } from './sort-events';
import { TraceModel } from './trace-model';
import { utilization } from './utilization';

export interface AnalyzeOptions {
  /** How many buckets utilization over time has (default 200). */
  utilizationBuckets?: number;
  /** The records' time order, when the caller already has it (from sortOrder). */
  order?: Uint32Array;
}

export function analyzeTrace(trace: ParsedTrace, options: AnalyzeOptions = {}): Report {
  const model = new TraceModel(trace);
  let order = options.order;
  if (!order) {
    const { groupOf, groups } = model.sortGroups();
    order = sortOrderOf(model.recordTime, groupOf, groups);
  }
  const pass = new AnalysisPass(model);
  walkCausally(trace.events, order, model.recordThread, model.threads.count, pass);
  pass.sharedBuffers.finish(pass.lostUpdates, pass.races, pass.raceLinks);

  const endMs = Math.max(model.lastMs, model.footer?.durationMs ?? -Infinity);
  const runEnded = model.footer !== null;
  pass.workers.finish(model.threadLastMs, runEnded ? endMs : null);
  pass.lockStats.finish(Number.isFinite(endMs) ? endMs : 0);

  const findings: Finding[] = [];
  const deadlock = deadlockFindings(model, pass);
  for (const d of deadlock.details) d.finding = findings.length;
  findings.push(...deadlock.findings);
  findings.push(...workerErrorFindings(model, pass.handledErrors, pass.unhandledErrors));
  findings.push(...timeoutFindings(model, pass));
  const races = raceFindings(model, pass, findings.length);
  findings.push(...races.findings);
  const lost = lostUpdateFindings(model, pass, findings.length);
  findings.push(...lost.findings);
  const order2 = lockOrderFindings(model, pass, findings.length);
  findings.push(...order2.findings);
  findings.push(...abandonedLockFindings(model, pass));

  const queueDetails = queueStats(model, pass);
  const lockDetails = lockStats(model, pass);
  const startMs = Math.min(0, model.firstMs);

  return {
    result: runResult(model, findings),
    processes: [...model.processes.values()]
      .filter((p) => p.pid >= 0)
      .sort((a, b) => a.pid - b.pid)
      .map((p) => ({ name: p.name, exitCode: p.exitCode, error: p.error })),
    findings,
    queues: queueDetails.map((q) => ({ name: q.name, puts: q.puts, gets: q.gets })),
    locks: lockDetails.map((l) => ({ name: l.name, acquisitions: l.acquisitions, contended: l.contended, waitMs: l.waitMs, holdMs: l.holdMs })),
    events: model.recordCount,
    dropped: Math.max(model.footer?.dropped ?? 0, model.droppedInTrace),

    durationMs: roundMs(model.footer?.durationMs ?? Math.max(0, model.lastMs)),
    truncated: trace.truncated,
    races: races.details,
    lostUpdates: lost.details,
    lockOrder: order2.details,
    deadlocks: deadlock.details,
    flows: pass.queues.flows,
    wakeups: pass.wakeups.list,
    tasks: pass.tasks.list,
    queueDetails,
    lockDetails,
    perWorker: workerTimes(model, pass),
    utilization: utilization(pass.workers.intervals, startMs, Number.isFinite(endMs) ? endMs : startMs, model.header.cpuCount, options.utilizationBuckets),
  };
}

function runResult(model: TraceModel, findings: Finding[]): RunResult {
  if (model.footer) return model.footer.result;
  if (findings.some((f) => f.kind === 'deadlock')) return 'deadlock';
  if (findings.some((f) => f.kind === 'worker-error')) return 'error';
  return 'ok';
}

function queueStats(model: TraceModel, pass: AnalysisPass): QueueDetail[] {
  const ids = new Set<number>(pass.queues.byQueue.keys());
  for (const [id, info] of model.objects) if (info.kind === ObjectKind.QUEUE) ids.add(id);
  return [...ids].sort((a, b) => a - b).map((id) => {
    const c = pass.queues.counters(id);
    return {
      name: model.objectName(id),
      id,
      puts: c.puts,
      gets: c.gets,
      unconsumed: Math.max(0, c.puts - c.gets),
      fifo: c.outOfOrder === 0,
      outOfOrder: c.outOfOrder,
    };
  });
}

function lockStats(model: TraceModel, pass: AnalysisPass): LockDetail[] {
  return [...pass.lockStats.byLock.entries()]
    .filter(([, c]) => c.acquisitions + c.failed > 0)
    .sort(([a], [b]) => a - b)
    .map(([id, c]) => ({
      name: model.objectName(id),
      acquisitions: c.acquisitions,
      contended: c.contended,
      waitMs: roundMs(c.waitMs),
      holdMs: roundMs(c.holdMs),
      id,
      kind: objectKindName(model.objectKind[id] || ObjectKind.LOCK),
      failed: c.failed,
      maxWaitMs: roundMs(c.maxWaitMs),
    }));
}

function workerTimes(model: TraceModel, pass: AnalysisPass): WorkerTime[] {
  const out: WorkerTime[] = [];
  for (let t = 0; t < model.threads.count; t++) {
    const pid = model.threads.pids[t];
    if (pid < 0 || !model.processes.has(pid)) continue;
    const totals = pass.workers.totals[t];
    if (!Number.isFinite(totals.startMs)) continue;
    out.push({
      name: model.processName(pid),
      pid,
      startMs: roundMs(totals.startMs),
      endMs: roundMs(totals.endMs),
      runningMs: roundMs(totals.runningMs),
      blockedMs: roundMs(totals.blockedMs),
      sleepingMs: roundMs(totals.sleepingMs),
      blockedOn: [...totals.blockedOn.values()]
        .sort((a, b) => b.ms - a.ms)
        .map((on) => ({
          reason: blockReasonName(on.reason),
          on: on.obj < 0 ? '' : on.reason === 2 ? model.processName(on.obj) : model.objectName(on.obj),
          ms: roundMs(on.ms),
          count: on.count,
        })),
    });
  }
  return out.sort((a, b) => a.pid - b.pid);
}
