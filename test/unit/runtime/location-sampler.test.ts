/** Which calls pay for a source-location capture, per --locations mode (see locations.ts). */
import assert from 'node:assert/strict';
import { LocationSampler, SAMPLED_EVERY, SAMPLED_FIRST, SAMPLED_GAP_MS } from '../../../src/runtime/locations';

/** Indexes (0-based) of the captured calls among `calls`, the clock advancing `msPerCall` per call. */
function captured(sampler: LocationSampler, calls: number, msPerCall: number): number[] {
  const hits: number[] = [];
  for (let i = 0; i < calls; i++) if (sampler.shouldCapture(i * msPerCall)) hits.push(i);
  return hits;
}

describe('LocationSampler', () => {
  it("'all' captures every call and 'off' none", () => {
    assert.equal(captured(new LocationSampler('all'), 5000, 0).length, 5000);
    assert.deepEqual(captured(new LocationSampler('off'), 5000, 1), []);
  });

  it(`'sampled' captures the first ${SAMPLED_FIRST} calls, then one in ${SAMPLED_EVERY} when calls are slow`, () => {
    const hits = captured(new LocationSampler('sampled'), SAMPLED_FIRST + 3 * SAMPLED_EVERY, 1);
    assert.deepEqual(hits.slice(0, SAMPLED_FIRST), Array.from({ length: SAMPLED_FIRST }, (_, i) => i));
    assert.deepEqual(hits.slice(SAMPLED_FIRST), [1, 2, 3].map((k) => SAMPLED_FIRST - 1 + k * SAMPLED_EVERY));
  });

  it(`'sampled' captures at most one per ${SAMPLED_GAP_MS} ms in a hot loop, however many calls`, () => {
    const nsPerCall = 100;
    const calls = 200_000; // 20 ms of calls
    const hits = captured(new LocationSampler('sampled'), calls, nsPerCall / 1e6).slice(SAMPLED_FIRST);
    const ms = (calls * nsPerCall) / 1e6;
    assert.ok(hits.length >= ms / SAMPLED_GAP_MS - 2 && hits.length <= ms / SAMPLED_GAP_MS + 1, `${hits.length} captures in ${ms} ms`);
    for (let i = 1; i < hits.length; i++) assert.ok((hits[i]! - hits[i - 1]!) * nsPerCall / 1e6 >= SAMPLED_GAP_MS);
  });
});
