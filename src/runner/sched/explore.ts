/**
 * `interleave explore`: runs a script again and again, each run under a new seeded schedule,
 * until a run's findings match --until; then shrinks that run's schedule and keeps its trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../analysis';
import type { ScheduleInfo } from '../../shared/trace-file';
import { GuidedStrategy } from './guided';
import { runSeed } from './prng';
import { runScheduled, type AnalysedRun, type ScheduledRunOptions } from './scheduled-run';
import { FIRST_STEPS_GUESS } from './pct';
import { shrinkSchedule } from './shrink';
import { makeStrategy, type StrategyName } from './strategies';
import { matchingFindings } from './until-kinds';
import { WarmThreads } from '../warm-threads';
import { defaultWorkerHeapMb, workerPathOf } from '../supervisor';

export interface ExploreOptions {
  script: string;
  until: Set<string>;
  runs: number;
  strategy: StrategyName;
  depth: number;
  seed: number;
  /** Where the failing run's trace goes. */
  out: string;
  timeoutMs: number;
  /** Runs at most spent on shrinking a failing schedule (0: none). */
  shrinkRuns?: number;
  workerPath?: string;
  onRun?: (done: number, elapsedMs: number) => void;
  /** Checked before each run: true stops the exploration (the editor's Cancel). */
  cancelled?: () => boolean;
}

export interface ExploreResult {
  found: boolean;
  runs: number;
  /** Runs spent shrinking (not counted in `runs`). */
  shrinkRuns: number;
  schedule: ScheduleInfo | null;
  trace: string | null;
  findings: Report['findings'];
  runsPerS: number;
  /** Runs that hit their timeout (a schedule that never ends, or a thread that awaits a promise:
   *  async waits are not scheduling points, and the scheduler waits for such a thread). */
  timedOut: number;
  /** The first run could not start the script (a syntax error, a missing module): its message. */
  loadError: string | null;
}

export const DEFAULT_SHRINK_RUNS = 40;

export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-explore-'));
  const started = performance.now();
  // PCT's k: the most choice points a run of this script has taken so far.
  let stepsHint = 0;
  let runs = 0;
  let timedOut = 0;
  // Threads that serve run after run: booting three threads per run would take most of its time.
  const threads = WarmThreads.serve(options.script) ? new WarmThreads(workerPathOf(options.workerPath), defaultWorkerHeapMb()) : undefined;
  const base = (name: string): ScheduledRunOptions => ({ script: options.script, tracePath: join(dir, name), timeoutMs: options.timeoutMs, workerPath: options.workerPath, quiet: true, threads });
  const rate = (): number => runs / Math.max(1e-3, (performance.now() - started) / 1000);
  try {
    for (let i = 0; i < options.runs; i++) {
      if (options.cancelled?.()) break;
      const seed = runSeed(options.seed, i);
      const strategy = makeStrategy(options.strategy, seed, options.depth, stepsHint || FIRST_STEPS_GUESS);
      const run = await runScheduled(base(`run-${i}.itrace`), { strategy, info: { strategy: options.strategy, seed, depth: options.strategy === 'pct' ? options.depth : null } });
      runs++;
      if (run.outcome.footer.result === 'timeout') timedOut++;
      options.onRun?.(runs, performance.now() - started);
      const decisions = run.outcome.decisions ?? [];
      stepsHint = Math.max(stepsHint, decisions.length);
      if (i === 0) {
        const loadError = loadErrorOf(run);
        if (loadError) return { found: false, runs, shrinkRuns: 0, schedule: null, trace: null, findings: [], runsPerS: rate(), loadError, timedOut };
      }
      const matched = matchingFindings(options.until, run.report);
      if (matched.length === 0) {
        rmSync(run.outcome.tracePath, { force: true });
        continue;
      }
      const runsPerS = rate();
      const final = await shrink(run, options, base);
      final.run.trace.saveTo(options.out);
      return {
        found: true, runs, shrinkRuns: final.runs, schedule: final.run.outcome.footer.schedule ?? null, trace: options.out,
        findings: matchingFindings(options.until, final.run.report), runsPerS, loadError: null, timedOut,
      };
    }
    return { found: false, runs, shrinkRuns: 0, schedule: null, trace: null, findings: [], runsPerS: rate(), loadError: null, timedOut };
  } finally {
    await threads?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function shrink(failing: AnalysedRun, options: ExploreOptions, base: (name: string) => ScheduledRunOptions): Promise<{ run: AnalysedRun; runs: number }> {
  const budget = options.shrinkRuns ?? DEFAULT_SHRINK_RUNS;
  let best = failing;
  let runs = 0;
  const info = failing.outcome.footer.schedule;
  await shrinkSchedule(failing.outcome.decisions ?? [], async (choices) => {
    runs++;
    const run = await runScheduled(base(`shrink-${runs}.itrace`), {
      strategy: new GuidedStrategy(choices),
      info: { strategy: info?.strategy ?? options.strategy, seed: info?.seed ?? options.seed, depth: info?.depth ?? null },
    });
    const fails = matchingFindings(options.until, run.report).length > 0;
    const decisions = run.outcome.decisions ?? [];
    if (fails && (run.outcome.footer.schedule?.preemptions ?? Infinity) < (best.outcome.footer.schedule?.preemptions ?? Infinity)) best = run;
    return { decisions, fails };
  }, budget);
  return { run: best, runs };
}

/** The message of a first run that never got to run the script (it could not be loaded). */
function loadErrorOf(run: AnalysedRun): string | null {
  const footer = run.outcome.footer;
  if (footer.result !== 'error') return null;
  const main = footer.processes.find((p) => p.id === 0);
  if (!main?.error || (run.outcome.decisions?.length ?? 0) > 0 || footer.processes.length > 1) return null;
  return /SyntaxError|Unexpected token|Cannot find (module|package)|ERR_MODULE_NOT_FOUND|could not be (loaded|compiled)/.test(main.error) ? main.error : null;
}
