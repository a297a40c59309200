/** worker-error and timeout findings, from process exits and the footer. */
import { ExitCause } from '../shared/events';
import type { AnalysisPass } from './analysis-pass';
import { LocationList, NameList, firstLine, where } from './finding-parts';
import type { Finding } from './report';
import { locationFromStack } from './source-location';
import type { TraceModel } from './trace-model';

export function workerErrorFindings(model: TraceModel): Finding[] {
  const findings: Finding[] = [];
  const processes = [...model.processes.values()].sort((a, b) => a.pid - b.pid);
  for (const p of processes) {
    if (p.error === null || p.cause === ExitCause.TERMINATED || p.cause === ExitCause.STOPPED) continue;
    const location = model.location(p.exitLoc) ?? locationFromStack(p.error);
    const message = `${p.name} failed${location ? ` at ${where(location)}` : ''}: ${firstLine(p.error)}`;
    findings.push({ kind: 'worker-error', message, objects: [], processes: [p.name], locations: new LocationList().add(location).locations });
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
