/**
 * What a lane is called and what its badges say (✖ error, ⊘ deadlocked, ⚠ lost updates, ● live),
 * for the gutter, the filters and the detail pane. Plain strings: no DOM, tested in Node.
 */
import type { ResolvedFinding } from '../model/findings';
import type { Lane } from '../model/lanes';
import type { TraceModel } from '../model/trace-model';

export type BadgeKind = 'error' | 'deadlock' | 'live' | 'info' | 'race';

export function laneName(model: TraceModel, lane: Lane): string {
  switch (lane.kind) {
    case 'worker': return model.processName(lane.pid);
    case 'lock':
    case 'memory': return model.objectName(lane.obj);
    case 'core': return `CPU ${lane.cpu}`;
  }
}

export function laneBadges(model: TraceModel, lane: Lane, findings: readonly ResolvedFinding[], live: boolean): [BadgeKind, string][] {
  const out: [BadgeKind, string][] = [];
  if (lane.kind === 'worker') {
    const p = model.footer?.processes.find((q) => q.id === lane.pid);
    if (p?.error) out.push(['error', `✖ ${p.error}`]);
    else if (p && p.exitCode !== null && p.exitCode !== 0) out.push(['error', `exit ${p.exitCode}`]);
    if (findings.some((f) => f.edges.some((e) => e.waiter === lane.pid))) out.push(['deadlock', '⊘ deadlocked']);
    if (!lane.exited && live) out.push(['live', '● live']);
  } else if (lane.kind === 'lock') {
    if (findings.some((f) => f.edges.some((e) => e.object === lane.obj))) out.push(['deadlock', '⊘ cycle']);
    out.push(['info', lane.contended > 0 ? `${lane.acquisitions}× · ${lane.contended} contended` : `${lane.acquisitions}×`]);
  } else if (lane.kind === 'memory') {
    let lost = 0;
    for (const f of findings) if (f.objs.includes(lane.obj)) lost += f.lost;
    if (lost > 0) out.push(['race', `⚠ ${lost} lost update${lost === 1 ? '' : 's'}`]);
    else if (findings.some((f) => f.kind === 'data-race' && f.objs.includes(lane.obj))) out.push(['race', '⚠ data race']);
  }
  return out;
}
