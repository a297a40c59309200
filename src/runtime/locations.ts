/**
 * Source locations of the user's calls, for findings ("the race is between race.ts:14 and
 * race.ts:14 in Process-2").
 *
 * A location costs a stack capture (about a microsecond), far more than an event (tens of
 * nanoseconds), so the mode decides how often it is paid:
 *   'all'      every event of an instrumented call carries its location;
 *   'sampled'  (default) the first SAMPLED_FIRST calls on each object in each thread, then one in
 *              SAMPLED_EVERY; analysis gives an unlocated event the last location that thread used
 *              on that object, which is exact for the usual one-call-site loop;
 *   'off'      none.
 */
import type { LocationMode } from '../shared/worker-protocol';

export const SAMPLED_FIRST = 16;
export const SAMPLED_EVERY = 1024;

type CallSites = NodeJS.CallSite[];
const runtimeFile = typeof __filename === 'string' ? __filename : '';

function asCallSites(_error: Error, stack: CallSites): CallSites {
  return stack;
}

/** "file:line:col" of the first frame outside the runtime, or null. */
export function captureCallerLocation(): string | null {
  const previous = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = asCallSites;
  // The user's frame is at most five deep (callerLocation ← loc ← method ← wrapper ← user):
  // a short limit keeps a capture near 4 µs.
  Error.stackTraceLimit = 6;
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
  /** Calls left before the next capture; 'all' keeps it at 0 and 'off' at Infinity. */
  private countdown: number;
  private calls = 0;
  private readonly every: number;

  constructor(mode: LocationMode) {
    this.every = mode === 'all' ? 1 : mode === 'off' ? Infinity : SAMPLED_EVERY;
    this.countdown = mode === 'off' ? Infinity : 0;
  }

  /** One decrement and one compare on the common path: this runs on every instrumented call. */
  shouldCapture(): boolean {
    if (--this.countdown > 0) return false;
    this.calls++;
    this.countdown = this.calls < SAMPLED_FIRST ? 1 : this.every;
    return true;
  }
}
