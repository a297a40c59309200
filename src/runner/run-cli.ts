/** `interleave run` as the CLI and the extension's child process use it. */
import type { RunnerCommand, RunnerMessage } from '../shared/runner-protocol';
import type { LocationMode } from '../shared/worker-protocol';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { analyzeFile, type FileReport } from './analyze-file';
import { IpcOutbox } from './ipc-outbox';
import { writeHtmlExport } from './export-command';
import { failOnMatches, parseFailOn } from './fail-on';
import { defaultTracePath, exitStatusOf, runCommand, UsageError } from './run-command';
import { printSummary, traceWriteProblem } from './summary';
import { existsSync } from 'node:fs';
import { replayOf } from './sched/replay-source';
import { unschedulableReason } from './sched/schedulable';
import { ipcChannel, terminalChannel } from './sched/step-channels';
import { StepSession } from './sched/step-session';
import type { RunOptions, RunOutcome, Supervisor } from './supervisor';
import type { TraceHeader } from '../shared/trace-file';

export interface RunFlags {
  out?: string;
  timeout?: string;
  'fail-on'?: string;
  locations?: string;
  'worker-heap-mb'?: string;
  'shared-heap-mb'?: string;
  'ring-capacity'?: string;
  ipc?: boolean;
  /** A trace made in scheduling mode, or a schedule line: run that interleaving again. */
  replay?: string;
  /** Where the HTML timeline goes (default: next to the trace, same name, `.html`). */
  html?: string;
  /** No HTML timeline. */
  'no-html'?: boolean;
  /** Step mode: the user is the scheduler (with --replay: its choices first, then the user's). */
  step?: boolean;
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms <= 0) throw new UsageError(`--timeout needs a positive number of milliseconds, got '${text}'`);
  return ms;
}

function parseWorkerHeap(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const mb = Number(text);
  if (!Number.isInteger(mb) || mb < 16) throw new UsageError(`--worker-heap-mb needs a whole number of megabytes (16 or more), got '${text}'`);
  return mb;
}

/** The run's shared-heap limit: 1 MB up to just under 2 GiB (offsets are int32). */
function parseSharedHeap(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const mb = Number(text);
  if (!Number.isInteger(mb) || mb < 1 || mb > 2047) throw new UsageError(`--shared-heap-mb needs a whole number of megabytes from 1 to 2047, got '${text}'`);
  return mb;
}

function parseRingCapacity(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  // At least 256: a string (up to 4,096 UTF-16 units) is published as one run of up to 129 records.
  if (!Number.isInteger(n) || n < 256 || n > 1 << 24 || (n & (n - 1)) !== 0) {
    throw new UsageError(`--ring-capacity needs a power of two from 256 to 16777216 (events per thread), got '${text}'`);
  }
  return n;
}

function parseLocations(text: string | undefined): LocationMode | undefined {
  if (text === undefined) return undefined;
  if (text === 'all' || text === 'sampled' || text === 'off') return text;
  throw new UsageError(`--locations must be all, sampled or off, got '${text}'`);
}

/** The run in progress, if any (see outputClosed). */
let activeSupervisor: Supervisor | null = null;

/**
 * The reader of our stdout or stderr went away (a terminal closed, `interleave run … | head`).
 * A run in progress goes on to its end and its trace notes it (Supervisor.outputClosed); the exit
 * status stays the program's. Whatever we print after that is lost, and nothing else changes.
 */
export function outputClosed(stream: 'stdout' | 'stderr'): void {
  activeSupervisor?.outputClosed(stream);
}

/**
 * Where `run` writes the HTML timeline, or null for none. By default next to the trace (as
 * `npm start` and `interleave demo` do); --html FILE puts it elsewhere, --no-html skips it. The
 * extension's runner (--ipc) shows the run in its own panel, so it writes one only when asked.
 */
function htmlPathOf(flags: RunFlags, tracePath: string): string | null {
  if (flags['no-html']) {
    if (flags.html !== undefined) throw new UsageError('--html and --no-html contradict each other');
    return null;
  }
  if (flags.html !== undefined) return resolve(flags.html);
  if (flags.ipc) return null;
  return resolve(tracePath).replace(/(\.itrace)?$/, '.html');
}

/** Writes the timeline after the summary; a timeline that cannot be written does not change the run's status. */
function writeTimeline(tracePath: string, htmlPath: string | null): void {
  if (htmlPath === null) return;
  try {
    mkdirSync(dirname(htmlPath), { recursive: true });
    if (writeHtmlExport(tracePath, htmlPath)) process.stdout.write(`   timeline: ${htmlPath}\n`);
    else process.stderr.write('interleave: no HTML timeline: the timeline bundle (media/webview.js) is missing: run `npm run build` first\n');
  } catch (error) {
    process.stderr.write(`interleave: no HTML timeline: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** How long a finished run waits for the extension to read its last messages (a stalled parent must not keep it). */
const IPC_FLUSH_MS = 60_000;

/** The supervisor's options of a step session's runs, from run's options. */
function stepRunOptions(o: { timeoutMs?: number; locations?: LocationMode; workerHeapMb?: number; sharedHeapMb?: number; ringCapacity?: number; onStarted: RunOptions['onStarted']; onBatch: RunOptions['onBatch'] }): Omit<RunOptions, 'schedule' | 'script' | 'tracePath'> {
  return {
    timeoutMs: o.timeoutMs ?? null, locations: o.locations, workerHeapMb: o.workerHeapMb, sharedHeapMb: o.sharedHeapMb,
    ringCapacity: o.ringCapacity, onStarted: o.onStarted, onBatch: o.onBatch,
  };
}

export interface RunCliResult {
  status: number;
  tracePath: string;
}

export async function runCli(script: string, flags: RunFlags): Promise<number> {
  return (await runCliDetailed(script, flags)).status;
}

export async function runCliDetailed(script: string, flags: RunFlags): Promise<RunCliResult> {
  const failOn = parseFailOn(flags['fail-on']);
  const timeoutMs = parseTimeout(flags.timeout);
  const locations = parseLocations(flags.locations);
  const workerHeapMb = parseWorkerHeap(flags['worker-heap-mb']);
  const sharedHeapMb = parseSharedHeap(flags['shared-heap-mb']);
  const ringCapacity = parseRingCapacity(flags['ring-capacity']);
  const ipc = flags.ipc === true && typeof process.send === 'function';
  const replay = flags.replay === undefined ? null : replayOf(flags.replay);
  const step = flags.step === true;
  const unschedulable = (replay || step) && existsSync(script) ? unschedulableReason(script) : null;
  if (unschedulable) throw new UsageError(`${step ? '--step' : '--replay'}: ${unschedulable}`);
  const outbox = new IpcOutbox<RunnerMessage>();
  const send = (message: RunnerMessage): void => {
    if (ipc) outbox.send(message);
  };
  let supervisor: Supervisor | null = null;
  // Step mode: the user answers at each choice point, from the extension (IPC) or a terminal (stdin).
  const stepIpc = step && ipc ? ipcChannel(send) : null;
  const stepChannel = step ? stepIpc ?? terminalChannel(process.stdin, process.stdout) : null;
  let session: StepSession | null = null;
  const stopWith = (message: string): void => {
    if (session) session.stop(message);
    else supervisor?.stop('error', message);
  };
  const stopOnSignal = (): void => stopWith('stopped by a signal');
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  if (ipc) {
    process.on('message', (command: RunnerCommand) => {
      if (command?.type === 'stop') stopWith('stopped by the user');
      else if (command?.type === 'step') stepIpc?.receive(command);
    });
    // The parent went away (the extension host reloaded): stop, keeping the trace.
    process.on('disconnect', () => stopWith('the extension host went away'));
  }
  const tracePath = flags.out ?? defaultTracePath(script);
  const htmlPath = htmlPathOf(flags, tracePath);
  try {
    const common = {
      script,
      out: tracePath,
      timeoutMs,
      // A replay captures every location, as explore's runs do, so its events are theirs exactly.
      locations: locations ?? (replay || step ? 'all' : undefined),
      workerHeapMb,
      sharedHeapMb,
      ringCapacity,
      onSupervisor: (s: Supervisor) => { supervisor = s; activeSupervisor = s; },
      onStarted: (header: TraceHeader) => send({ type: 'started', header, tracePath }),
      onBatch: ipc ? (strings: [number, string][], events: Float64Array) => send({ type: 'batch', strings, events }) : undefined,
    };
    let outcome: RunOutcome;
    if (stepChannel) {
      session = new StepSession({
        run: { ...stepRunOptions(common), script: resolve(script), tracePath: resolve(tracePath) },
        prefix: replay ? replay.strategy.choices : [],
        channel: stepChannel,
        onSupervisor: common.onSupervisor,
      });
      if (!existsSync(resolve(script))) throw new UsageError(`no such script: ${script}`);
      outcome = await session.run();
      if (stepChannel !== stepIpc) (stepChannel as { close(): void }).close();
    } else {
      outcome = await runCommand({ ...common, ...(replay ? { schedule: replay.run } : {}) });
    }
    activeSupervisor = null;
    let report: FileReport | null = null;
    let analysisProblem: string | null = null;
    try {
      report = analyzeFile(outcome.tracePath);
    } catch (error) {
      // A trace never written (its folder is not writable) is said by the write problem below;
      // anything else is ours to say, without losing the run's own result.
      if (!outcome.writeError) analysisProblem = `the trace could not be analysed: ${error instanceof Error ? error.message : String(error)}`;
    }
    printSummary(process.stdout, outcome, report);
    if (!step && replay?.strategy.diverged) process.stderr.write('interleave: the run left the schedule (the script or its inputs changed?): from there on it ran without preemptions\n');
    const writeProblem = traceWriteProblem(outcome);
    if (writeProblem) process.stderr.write(`interleave: ${writeProblem}\n`);
    if (analysisProblem) process.stderr.write(`interleave: ${analysisProblem}\n`);
    let status = exitStatusOf(outcome.footer.result);
    if (status === 0 && failOn.size > 0 && !report) status = 1;
    if (status === 0 && report && failOnMatches(failOn, report)) status = 3;
    if (report && !outcome.writeError) writeTimeline(outcome.tracePath, htmlPath);
    const traceError = writeProblem ?? analysisProblem;
    send({ type: 'finished', footer: outcome.footer, exitStatus: status, ...(traceError ? { traceError } : {}) });
    return { status, tracePath: outcome.tracePath };
  } finally {
    activeSupervisor = null;
    // After the run, a signal ends the process as usual (these handlers would swallow it).
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    // Always let go of the parent: a connected IPC channel keeps this process alive forever.
    if (ipc) await outbox.close(IPC_FLUSH_MS);
  }
}
