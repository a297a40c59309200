/**
 * What `interleave explore` tells its reader: the --json object (a contract, GUIDE.md "The CLI":
 * these names may not be renamed) and, under --ipc, its progress messages to the editor.
 */
import type { Finding } from './report-contract';

export interface ExploreJson {
  found: boolean;
  runs: number;
  strategy: 'random' | 'pct' | 'pos';
  seed: number;
  depth: number | null;
  /** The failing run's schedule, one line (`is1:...`), or null. */
  schedule: string | null;
  /** The failing run's trace, or null. */
  trace: string | null;
  findings: Finding[];
  runs_per_s: number;
}

/** explore --ipc → parent, after each run. A `{ type: 'stop' }` from the parent cancels. */
export interface ExploreProgressMessage {
  type: 'explore-progress';
  runs: number;
  runsPerS: number;
}

export function isExploreProgress(m: unknown): m is ExploreProgressMessage {
  const v = m as Partial<ExploreProgressMessage> | null;
  return typeof v === 'object' && v !== null && v.type === 'explore-progress' && Number.isFinite(v.runs) && Number.isFinite(v.runsPerS);
}
