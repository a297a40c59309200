/** worker-error and timeout findings, from process exits and the footer. */
import { ExitCause } from '../shared/events';
import type { AnalysisPass } from './analysis-pass';
import { LocationList, NameList, firstLine, where } from './finding-parts';
import type { Finding } from './report';
import { locationFromStack } from './source-location';
import type { TraceModel } from './trace-model';

/**
 * One finding per process that ended with an error, except the errors a plain program handled (it
 * listened for the Worker's 'error' event: drawn on the timeline, not a failure). A Worker's error
 * nobody listened for is rethrown in its parent (as Node does) and may end that thread too: that is
 * said in the worker's finding, not repeated as the parent's own.
 */
export function workerErrorFindings(model: TraceModel, handled: ReadonlySet<number> = new Set(), unhandled: ReadonlyMap<number, number> = new Map()): Finding[] {
  const findings: Finding[] = [];
  const processes = [...model.processes.values()].sort((a, b) => a.pid - b.pid);
  const rethrown = new Map<number, number>();
  for (const [child, parent] of unhandled) {
    const p = model.processes.get(parent);
    const c = model.processes.get(child);
    if (p?.error && c?.error && firstLine(p.error) === firstLine(c.error)) rethrown.set(parent, child);
  }
  for (const p of processes) {
    if (p.error === null || p.cause === ExitCause.TERMINATED || p.cause === ExitCause.STOPPED || handled.has(p.pid) || rethrown.has(p.pid)) continue;
    const location = model.location(p.exitLoc) ?? locationFromStack(p.error);
    const ended = [...rethrown].filter(([, child]) => child === p.pid).map(([parent]) => model.processName(parent));
    const also = ended.length > 0 ? ` (no 'error' listener: it ended ${ended.join(', ')} too)` : '';
    const message = `${p.name} failed${location ? ` at ${where(location)}` : ''}: ${firstLine(p.error)}${also}`;
    const names = new NameList().add(p.name);
    for (const name of ended) names.add(name);
    findings.push({ kind: 'worker-error', message, objects: [], processes: names.names, locations: new LocationList().add(location).locations });
  }
  return findings;
}

export function timeoutFindings(model: TraceModel, pass: AnalysisPass): Finding[] {
  const footer = model.footer;
  if (footer?.result !== 'timeout') return [];
  const processes = new NameList();
  const locations = new LocationList();
  const running: string[] = [];
  for (let t = 0; t < model.threads.count; t++) {
    const pid = model.threads.pids[t];
    const p = model.processes.get(pid);
    if (!p) continue;
    const stillRunning = !p.exited || p.cause === ExitCause.STOPPED;
    if (!stillRunning) continue;
    processes.add(p.name);
    const loc = model.location(pass.lastLoc[t]);
    locations.add(loc);
    running.push(loc ? `${p.name} (last at ${where(loc)})` : p.name);
  }
  const why = footer.message ?? `the run timed out after ${Math.round(footer.durationMs)} ms`;
  const message = `Timeout: ${why}${running.length > 0 ? `; still running: ${running.join(', ')}` : ''}.`;
  return [{ kind: 'timeout', message, objects: [], processes: processes.names, locations: locations.locations }];
}
