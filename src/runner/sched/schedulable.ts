/**
 * Which scripts the controlled scheduler can run. Its points are the Interleave API's operations:
 * a thread of a plain worker_threads program (its own `new Worker`) would run, block in a real
 * Atomics.wait or idle in its event loop awaiting a message without ever parking, and the
 * scheduler, which decides only once every thread is parked, would wait for it forever. Such
 * scripts are refused up front with a reason, rather than left to hang until their timeout.
 */
import { readFileSync } from 'node:fs';
import { isPlainProgram } from '../plain-program';

export function unschedulableReason(script: string): string | null {
  if (isPlainProgram(script)) {
    return 'plain worker_threads programs (no Interleave API) cannot run under the scheduler yet: use `interleave run` to trace them';
  }
  let source = '';
  try {
    source = readFileSync(script, 'utf8');
  } catch {
    return null;
  }
  if (/['"](?:node:)?worker_threads['"]/.test(source)) {
    return 'this script starts worker_threads Workers of its own, which the scheduler cannot pause yet: only Process, Pool and the Interleave API run under it';
  }
  return null;
}
