/** Reads a trace file and analyses it: what report, summary and --fail-on share. */
import { analyzeTrace, type Report } from '../analysis';
import { parseTrace } from '../shared/trace-file';
import { loadTraceFile, type LoadedTrace, type LoadOptions, type PartialLoad } from './trace-load';

export interface FileReport extends Report {
  /** Present only when the file was too large to load whole (see trace-load.ts). */
  partial?: PartialLoad;
  /** Present only when the trace has no footer: why, for the user. */
  cutShort?: string;
  /** Present only when the footer notes something beside the result (TraceFooter.notes). */
  notes?: string[];
}

export const CUT_SHORT_MESSAGE =
  'the trace has no footer: the runner ended before the run did (killed, crashed, or still running); it holds what was written until then';

export function analyzeFile(path: string, options: LoadOptions = {}): FileReport {
  return reportOf(loadTraceFile(path, options));
}

/** A whole trace held in memory (explore's runs, runner/sched/memory-trace.ts), analysed as its file would be. */
export function analyzeBytes(bytes: Uint8Array): FileReport {
  return reportOf({ ...parseTrace(bytes), partial: null });
}

function reportOf(trace: LoadedTrace): FileReport {
  const report: FileReport = analyzeTrace(trace);
  if (trace.partial) report.partial = trace.partial;
  if (!trace.footer) report.cutShort = CUT_SHORT_MESSAGE;
  if (trace.footer?.notes?.length) report.notes = trace.footer.notes;
  return report;
}
