/** What a run is asked to do, and what it came to. Shared by commands, code lens and the API. */
import type { Finding } from './report';

export interface RunRequest {
  /** Absolute path of the script the runner loads. */
  script: string;
  /** Shown in the panel title and status bar. */
  title: string;
  /** Folder relative source locations resolve against (the user's file's folder). */
  baseDir: string;
  /** Base name for the trace file. */
  traceName: string;
  /** Per-run overrides of the settings (tests and other callers of the commands). */
  options?: RunOptions;
  /** False when the caller tells the user the outcome itself (the demo's own offer, the lens). */
  notify?: boolean;
  /** A trace made in scheduling mode: run its interleaving again (`run --replay`). */
  replay?: string;
  /** Step mode (`run --step`): the user is the scheduler, through the timeline's step panel. */
  step?: boolean;
}

export interface RunOptions {
  /** Instead of interleave.timeoutMs. */
  timeoutMs?: number;
  /** Caps each worker's JS heap (`--worker-heap-mb`, 16 or more); the runner's default otherwise. */
  workerHeapMb?: number;
  /** Limit of the run's shared heap (`--shared-heap-mb`, 1 to 2047); the runner's default otherwise. */
  sharedHeapMb?: number;
}

/** Picks the well-formed options out of what a command was given (it is untyped input). */
export function parseRunOptions(v: unknown): RunOptions | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const out: RunOptions = {};
  if (typeof o.timeoutMs === 'number' && Number.isFinite(o.timeoutMs) && o.timeoutMs > 0) out.timeoutMs = o.timeoutMs;
  if (typeof o.workerHeapMb === 'number' && Number.isInteger(o.workerHeapMb) && o.workerHeapMb >= 16) out.workerHeapMb = o.workerHeapMb;
  if (typeof o.sharedHeapMb === 'number' && Number.isInteger(o.sharedHeapMb) && o.sharedHeapMb >= 1 && o.sharedHeapMb <= 2047) out.sharedHeapMb = o.sharedHeapMb;
  return out;
}

export interface RunOutcome {
  script: string;
  tracePath: string;
  /** The runner's exit status (docs/cli.md: 0 ok, 1 error, 2 timeout/deadlock), or -1 if it died. */
  exitStatus: number;
  result: 'ok' | 'error' | 'timeout' | 'deadlock' | 'crashed';
  /** Why, when the run did not end normally. */
  message: string | null;
  /** One sentence naming what happened (what the notification and the log say). */
  summary: string;
  batches: number;
  events: number;
  findings: Finding[];
  durationMs: number;
  stoppedByUser: boolean;
}
