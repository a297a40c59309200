/** Shared helpers of the analysis tests. */
import { analyzeTrace } from '../../../src/analysis';
import type { FindingKind, Report } from '../../../src/analysis';
import type { FileOrder, TraceBuilder } from './trace-builder';

export function analyze(builder: TraceBuilder, order: FileOrder = 'time'): Report {
  return analyzeTrace(builder.build(order));
}

export function findingsOf(report: Report, kind: FindingKind): Report['findings'] {
  return report.findings.filter((f) => f.kind === kind);
}

/** "obj:index" of every location a data-race finding names. */
export function racySlots(report: Report): Set<string> {
  const out = new Set<string>();
  for (const race of report.races) for (const index of race.indices) out.add(`${race.objectId}:${index}`);
  return out;
}
