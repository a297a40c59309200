/**
 * `interleave run`: runs a script under the supervisor, prints a short summary, and returns the
 * exit status of the CLI contract (0 ok, 1 error, 2 timeout or deadlock).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { RunResult } from '../shared/trace-file';
import type { LocationMode } from '../shared/worker-protocol';
import { Supervisor, type RunOptions, type RunOutcome } from './supervisor';

export interface RunCommandOptions {
  script: string;
  out?: string;
  timeoutMs?: number;
  locations?: LocationMode;
  /** Heap limit of each worker thread, in MB (the supervisor's default when undefined). */
  workerHeapMb?: number;
  /** Limit of the run's shared heap, in MB (the supervisor's default when undefined). */
  sharedHeapMb?: number;
  /** Events per thread ring (a power of two; the supervisor's default when undefined). */
  ringCapacity?: number;
  onBatch?: RunOptions['onBatch'];
  onStarted?: RunOptions['onStarted'];
  /** Run under a controlled scheduler (`--replay`). */
  schedule?: RunOptions['schedule'];
  /** Receives the supervisor as soon as it exists, so a caller can stop it. */
  onSupervisor?: (supervisor: Supervisor) => void;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where a trace goes when --out is not given: the system's temp folder. */
export function defaultTracePath(script: string): string {
  const dir = join(tmpdir(), 'interleave');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dir, `${basename(script).replace(/\.[^.]+$/, '')}-${stamp}-${process.pid}.itrace`);
}

export async function runCommand(options: RunCommandOptions): Promise<RunOutcome> {
  const script = resolve(options.script);
  if (!existsSync(script)) throw new UsageError(`no such script: ${options.script}`);
  const tracePath = resolve(options.out ?? defaultTracePath(script));
  const supervisor = new Supervisor({
    script,
    tracePath,
    timeoutMs: options.timeoutMs ?? null,
    locations: options.locations,
    workerHeapMb: options.workerHeapMb,
    sharedHeapMb: options.sharedHeapMb,
    ringCapacity: options.ringCapacity,
    onBatch: options.onBatch,
    onStarted: options.onStarted,
    schedule: options.schedule,
  });
  options.onSupervisor?.(supervisor);
  return supervisor.run();
}

export function exitStatusOf(result: RunResult): number {
  switch (result) {
    case 'ok': return 0;
    case 'error': return 1;
    case 'timeout':
    case 'deadlock': return 2;
  }
}
