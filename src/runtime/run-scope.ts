/**
 * A thread that serves run after run (a warm thread of `interleave explore`, see
 * runner/warm-threads.ts) must start each run as a new thread would. Every module of the runtime
 * that keeps per-run state at module level (a pid, string ids, object offsets, timers) registers
 * here how to forget it; `startNextRun()` calls them all before the next run's boot.
 *
 * Why at module level and not one object: the hot paths read these as module variables (see
 * clock.ts for why a typed array or a `let` and not a field), and each module knows its own state.
 */
const resets: (() => void)[] = [];

/** Registers how this module forgets one run's state. */
export function forgetEachRun(reset: () => void): void {
  resets.push(reset);
}

/** Forgets the last run: every registered module starts over, as in a new thread. */
export function startNextRun(): void {
  for (const reset of resets) reset();
}
