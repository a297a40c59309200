/**
 * The contract fields of `interleave report --json` (docs/report-json.md): made by the analysis,
 * read by the CLI, the extension and the timeline. These names and shapes may gain fields but are
 * never renamed; the analysis' Report adds its detail around them.
 */

export type FindingKind =
  | 'data-race'
  | 'lost-update'
  | 'deadlock'
  | 'lock-order-inversion'
  | 'abandoned-lock'
  | 'worker-error'
  | 'timeout';

/** A source location. Lines are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
}

export interface Finding {
  kind: FindingKind;
  message: string;
  /** Names of the shared objects involved. */
  objects: string[];
  /** Names of the processes involved. */
  processes: string[];
  locations: SourceLocation[];
}

export interface ReportProcess {
  name: string;
  exitCode: number | null;
  error: string | null;
}

export interface QueueSummary {
  name: string;
  puts: number;
  gets: number;
}

export interface LockSummary {
  name: string;
  acquisitions: number;
  contended: number;
  waitMs: number;
  holdMs: number;
}
