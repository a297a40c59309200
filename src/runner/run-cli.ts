/** `interleave run` as the CLI and the extension's child process use it. */
import type { RunnerCommand, RunnerMessage } from '../shared/runner-protocol';
import type { LocationMode } from '../shared/worker-protocol';
import { analyzeFile } from './analyze-file';
import { failOnMatches, parseFailOn } from './fail-on';
import { defaultTracePath, exitStatusOf, runCommand, UsageError } from './run-command';
import { printSummary } from './summary';
import type { Supervisor } from './supervisor';

export interface RunFlags {
  out?: string;
  timeout?: string;
  'fail-on'?: string;
  locations?: string;
  'worker-heap-mb'?: string;
  ipc?: boolean;
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

function parseLocations(text: string | undefined): LocationMode | undefined {
  if (text === undefined) return undefined;
  if (text === 'all' || text === 'sampled' || text === 'off') return text;
  throw new UsageError(`--locations must be all, sampled or off, got '${text}'`);
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
  const ipc = flags.ipc === true && typeof process.send === 'function';
  const send = (message: RunnerMessage): void => {
    if (ipc) process.send!(message);
  };
  let supervisor: Supervisor | null = null;
  const stopOnSignal = (): void => supervisor?.stop('error', 'stopped by a signal');
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  if (ipc) {
    process.on('message', (command: RunnerCommand) => {
      if (command?.type === 'stop') supervisor?.stop('error', 'stopped by the user');
    });
    // The parent went away (the extension host reloaded): stop, keeping the trace.
    process.on('disconnect', () => supervisor?.stop('error', 'the extension host went away'));
  }
  const tracePath = flags.out ?? defaultTracePath(script);
  const outcome = await runCommand({
    script,
    out: tracePath,
    timeoutMs,
    locations,
    workerHeapMb,
    onSupervisor: (s) => { supervisor = s; },
    onStarted: (header) => send({ type: 'started', header, tracePath }),
    onBatch: ipc ? (strings, events) => send({ type: 'batch', strings, events }) : undefined,
  });
  const report = analyzeFile(outcome.tracePath);
  printSummary(process.stdout, outcome, report);
  if (outcome.writeError) process.stderr.write(`interleave: the trace could not be written whole: ${outcome.writeError.message}\n`);
  let status = exitStatusOf(outcome.footer.result);
  if (status === 0 && failOnMatches(failOn, report)) status = 3;
  send({ type: 'finished', footer: outcome.footer, exitStatus: status });
  if (ipc) process.disconnect?.();
  return { status, tracePath: outcome.tracePath };
}
