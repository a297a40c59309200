/** lock-order-inversion and abandoned-lock findings. */
import type { AnalysisPass } from './analysis-pass';
import { LocationList, NameList, where } from './finding-parts';
import type { Finding, LockOrderDetail } from './report';
import type { TraceModel } from './trace-model';

export function lockOrderFindings(model: TraceModel, pass: AnalysisPass, firstIndex: number): { findings: Finding[]; details: LockOrderDetail[] } {
  const findings: Finding[] = [];
  const details: LockOrderDetail[] = [];
  for (const cycle of pass.lockOrder.cycles()) {
    const objects = new NameList();
    const processes = new NameList();
    const locations = new LocationList();
    const parts: string[] = [];
    for (const edge of cycle) {
      const from = model.objectName(edge.from);
      const to = model.objectName(edge.to);
      const who = model.processNameOfThread(edge.thread);
      objects.add(from).add(to);
      processes.add(who);
      locations.add(model.location(edge.fromLoc)).add(model.location(edge.toLoc));
      parts.push(`${who} took ${from} (${where(model.location(edge.fromLoc))}) then ${to} (${where(model.location(edge.toLoc))})`);
    }
    const message = `Lock order inversion: ${parts.join('; ')}. Taken at the same time, in these orders, they can deadlock.`;
    details.push({
      finding: firstIndex + findings.length,
      cycle: cycle.map((edge) => ({
        from: model.objectName(edge.from),
        to: model.objectName(edge.to),
        process: model.processNameOfThread(edge.thread),
        pid: model.threads.pids[edge.thread],
        fromLocation: model.location(edge.fromLoc),
        toLocation: model.location(edge.toLoc),
        record: edge.record,
      })),
    });
    findings.push({ kind: 'lock-order-inversion', message, objects: objects.names, processes: processes.names, locations: locations.locations });
  }
  return { findings, details };
}

export function abandonedLockFindings(model: TraceModel, pass: AnalysisPass): Finding[] {
  return pass.abandoned.map((h) => {
    const lock = model.objectName(h.lock);
    const who = model.processNameOfThread(h.thread);
    const taken = model.location(h.loc);
    return {
      kind: 'abandoned-lock',
      message: `${who} exited while holding ${lock} (taken at ${where(taken)}); it stays held, so anyone who acquires it waits forever.`,
      objects: [lock],
      processes: [who],
      locations: new LocationList().add(taken).locations,
    };
  });
}
