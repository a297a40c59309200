/**
 * The findings of a run, as `interleave report TRACE --json` prints them (docs/report-json.md, a
 * contract; src/analysis builds them). The analysis runs in the CLI child process, not in the
 * extension host: a million-event trace must never freeze the editor.
 */
import { parseReportSummary, type ReportFinding, type ReportSummary } from './panel-messages';

export type Finding = ReportFinding;
export type Report = ReportSummary;

/** Parses the CLI's JSON, keeping only well-formed findings (the trace is user data). */
export function parseReport(json: string): Report {
  const report = parseReportSummary(JSON.parse(json) as unknown);
  if (!report) throw new Error('interleave report printed something that is not a report');
  // A location line below 1 cannot be shown in an editor: drop it rather than misplace it.
  for (const f of report.findings) f.locations = f.locations.filter((l) => l.line >= 1);
  return report;
}

/** "13 lost updates, 1 data race" — for code lenses and notifications. */
export function summarizeFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no races or deadlocks found';
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind.replace(/-/g, ' ')}${n === 1 ? '' : 's'}`).join(', ');
}
