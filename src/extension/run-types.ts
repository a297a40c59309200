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
}

export interface RunOutcome {
  script: string;
  tracePath: string;
  /** The runner's exit status (GUIDE.md: 0 ok, 1 error, 2 timeout/deadlock), or -1 if it died. */
  exitStatus: number;
  result: 'ok' | 'error' | 'timeout' | 'deadlock' | 'crashed';
  /** Why, when the run did not end normally. */
  message: string | null;
  batches: number;
  events: number;
  findings: Finding[];
  durationMs: number;
  stoppedByUser: boolean;
}
