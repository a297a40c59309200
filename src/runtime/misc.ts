/** cpuCount, currentProcess, sleep, and the user's own markers. */
import { availableParallelism } from 'node:os';
import { BlockReason, EventKind } from '../shared/events';
import { RunStoppedError, enterBlocked, leaveBlocked, timeoutOf } from './blocking';
import { callerLocation, rt, stopRequested } from './context';
import { schedSleep, schedulingOn } from './sched-point';
import { LocationSampler } from './locations';
import { forgetEachRun } from './run-scope';

/** os.cpu_count(): the CPUs this process may use. */
export function cpuCount(): number {
  return availableParallelism();
}

/** multiprocessing.current_process(): this worker's name and id (MainProcess has id 0). */
export function currentProcess(): { name: string; id: number } {
  const boot = rt().boot;
  return { name: boot.name, id: boot.pid };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** time.sleep, in milliseconds: blocks this worker and is drawn as sleeping. */
export function sleep(ms: number): void {
  const duration = timeoutOf(ms);
  if (!Number.isFinite(duration)) throw new RangeError('interleave: sleep needs a finite number of milliseconds');
  enterBlocked(-1, BlockReason.SLEEP, duration, callerLocation());
  try {
    // Under a controlled scheduler a sleep takes virtual time: a point the scheduler ends.
    if (schedulingOn()) return schedSleep(duration);
    const end = Date.now() + duration;
    for (let left = duration; left > 0; left = end - Date.now()) {
      // Like every other wait, a sleep ends with RunStoppedError when the run is being stopped.
      if (stopRequested()) throw new RunStoppedError();
      Atomics.wait(sleeper, 0, 0, Math.min(left, 200));
    }
  } finally {
    leaveBlocked(-1, BlockReason.SLEEP, true);
  }
}

// Markers may sit in hot loops: their locations are sampled like shared accesses.
let markerSampler: LocationSampler | null = null;
forgetEachRun(() => { markerSampler = null; });
function markerLocation(): number {
  markerSampler ??= new LocationSampler(rt().boot.locations);
  return markerSampler.shouldCapture(rt().recorder.recentTime) ? callerLocation() : -1;
}

/** Draws a labelled mark on this worker's lane. */
export function mark(label: string): void {
  const r = rt().recorder;
  r.record(EventKind.MARK, -1, r.intern(String(label)), 0, 0, markerLocation());
}

/** Runs fn inside a labelled span on this worker's lane (ends when fn returns, throws or settles). */
export function span<T>(label: string, fn: () => T): T {
  const r = rt().recorder;
  const id = r.intern(String(label));
  r.record(EventKind.SPAN_BEGIN, -1, id, 0, 0, markerLocation());
  const end = (): void => { r.record(EventKind.SPAN_END, -1, id, 0, 0, -1); };
  let result: T;
  try {
    result = fn();
  } catch (error) {
    end();
    throw error;
  }
  if (result instanceof Promise) {
    return result.finally(end) as T;
  }
  end();
  return result;
}
