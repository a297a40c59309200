/**
 * Source locations of plain programs' calls the transform does not see at their site (DataView
 * and bulk typed-array methods, postMessage): sampled per object and thread, as the Interleave
 * API's calls are (locations.ts), so that a hot loop pays one stack capture per millisecond.
 */
import { rt } from '../context';
import { LocationSampler, captureCallerLocation } from '../locations';

const samplers = new WeakMap<object, LocationSampler>();

/** The interned location of the caller, when this call on `subject` is due for one; else -1. */
export function sampledLoc(subject: object): number {
  const r = rt();
  let sampler = samplers.get(subject);
  if (!sampler) {
    sampler = new LocationSampler(r.boot.locations);
    samplers.set(subject, sampler);
  }
  if (!sampler.shouldCapture(r.recorder.recentTime)) return -1;
  const where = captureCallerLocation();
  return where === null ? -1 : r.recorder.intern(where);
}
