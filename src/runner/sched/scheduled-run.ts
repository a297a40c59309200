/** One run of a script under a strategy, analysed: the unit explore, shrink and replay repeat. */
import { analyzeBytes, analyzeFile } from '../analyze-file';
import { MemoryTrace } from './memory-trace';
import { Supervisor, type RunOutcome, type ScheduledRun } from '../supervisor';
import type { Report } from '../../analysis';
import type { LocationMode } from '../../shared/worker-protocol';
import type { WarmThreads } from '../warm-threads';

export interface ScheduledRunOptions {
  script: string;
  tracePath: string;
  timeoutMs: number;
  locations?: LocationMode;
  workerPath?: string;
  /** Drop the script's console output (explore's runs). */
  quiet?: boolean;
  /** Warm threads to run on (explore's runs; see warm-threads.ts). */
  threads?: WarmThreads;
}

export interface AnalysedRun {
  outcome: RunOutcome;
  report: Report;
  /** The run's trace: in memory, or at outcome.tracePath when it was large (memory-trace.ts). */
  trace: MemoryTrace;
}

export async function runScheduled(options: ScheduledRunOptions, schedule: ScheduledRun): Promise<AnalysedRun> {
  const trace = new MemoryTrace(options.tracePath);
  const outcome = await new Supervisor({
    script: options.script,
    tracePath: options.tracePath,
    timeoutMs: options.timeoutMs,
    // Every location captured: sampling by time would make two runs of one schedule differ.
    locations: options.locations ?? 'all',
    workerPath: options.workerPath,
    // Small rings: a scheduled run is short, and a run's memory is allocated anew each time.
    ringCapacity: 1 << 14,
    quietScript: options.quiet,
    schedule,
    threads: options.threads,
    fileOps: trace,
  }).run();
  const bytes = trace.contents();
  return { outcome, report: bytes ? analyzeBytes(bytes) : analyzeFile(outcome.tracePath), trace };
}
