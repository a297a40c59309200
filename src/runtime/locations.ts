/**
 * Source locations of the user's calls, for findings ("the race is between race.ts:14 and
 * race.ts:14 in Process-2").
 *
 * A location costs a stack capture (4-9 µs measured, more in a runner worker), hundreds of times an
 * event (tens of nanoseconds), so the mode decides how often it is paid:
 *   'all'      every event of an instrumented call carries its location;
 *   'sampled'  (default) the first SAMPLED_FIRST calls on each object in each thread, then one in
 *              SAMPLED_EVERY calls, and no sooner than SAMPLED_GAP_MS after the previous capture
 *              (a hot loop pays one capture per millisecond, not one per 1024 calls); analysis
 *              gives an unlocated event the last location that thread used on that object, which
 *              is exact for the usual one-call-site loop;
 *   'off'      none.
 */
import type { LocationMode } from '../shared/worker-protocol';

export const SAMPLED_FIRST = 16;
export const SAMPLED_EVERY = 1024;
export const SAMPLED_GAP_MS = 1;

type CallSites = NodeJS.CallSite[];
const runtimeFile = typeof __filename === 'string' ? __filename : '';

function asCallSites(_error: Error, stack: CallSites): CallSites {
  return stack;
}

/** "file:line:col" of the first frame outside the runtime, or null. */
export function captureCallerLocation(depth = 6): string | null {
  const previous = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = asCallSites;
  // The user's frame is at most five deep (callerLocation ← loc ← method ← wrapper ← user):
  // a short limit keeps a capture near 4 µs.
  Error.stackTraceLimit = depth;
  const holder: { stack?: CallSites } = {};
  Error.captureStackTrace(holder, captureCallerLocation);
  const sites = holder.stack;
  Error.prepareStackTrace = previous;
  Error.stackTraceLimit = previousLimit;
  if (!Array.isArray(sites)) return null;
  for (const site of sites) {
    const file = site.getFileName();
    if (!file || file === runtimeFile || file.startsWith('node:')) continue;
    return `${file}:${site.getLineNumber() ?? 0}:${site.getColumnNumber() ?? 0}`;
  }
  return null;
}

/** Decides, per object and thread, whether this call captures its location. */
export class LocationSampler {
  /**
   * Calls left before the next capture. Always a small integer ('off' counts down from 2^30 and
   * starts over): a field that ever held Infinity would make V8 box every decrement in a heap number.
   */
  private countdown: number;
  private calls = 0;
  private capturedAt = -Infinity;
  private readonly every: number;
  private readonly gapMs: number;

  constructor(mode: LocationMode) {
    this.every = mode === 'all' ? 1 : mode === 'off' ? OFF_PERIOD : SAMPLED_EVERY;
    this.gapMs = mode === 'sampled' ? SAMPLED_GAP_MS : 0;
    this.countdown = mode === 'off' ? OFF_PERIOD : 0;
  }

  /**
   * Counts this call; true when it is not due for a capture (the common case: one decrement and one
   * compare, on every instrumented call). When false, ask due() whether to capture.
   */
  skip(): boolean {
    return --this.countdown > 0;
  }

  /**
   * Whether this call, which skip() did not skip, captures its location. `recentTime` is a
   * run-clock time of this thread's recent events (the recorder's last publish), so the gap rule
   * reads no clock of its own.
   */
  due(recentTime: number): boolean {
    this.countdown = this.every;
    if (this.every === OFF_PERIOD) return false;
    if (this.gapMs > 0 && this.calls >= SAMPLED_FIRST && recentTime - this.capturedAt < this.gapMs) return false;
    this.calls++;
    this.capturedAt = recentTime;
    if (this.calls < SAMPLED_FIRST) this.countdown = 1;
    return true;
  }

  /** skip() and due() in one, for a call that is not on a hot path. */
  shouldCapture(recentTime: number): boolean {
    return !this.skip() && this.due(recentTime);
  }
}

const OFF_PERIOD = 1 << 30;
