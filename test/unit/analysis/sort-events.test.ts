/** sortEvents / sortOrder: a stable time sort that merges per-thread runs. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyOrder, sortEvents, sortOrder } from '../../../src/analysis';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';

function log(records: [time: number, thread: number][]): Float64Array {
  const events = new Float64Array(records.length * RECORD_SLOTS);
  records.forEach(([time, thread], i) => {
    events[i * RECORD_SLOTS] = time;
    events[i * RECORD_SLOTS + 2] = thread;
    events[i * RECORD_SLOTS + 7] = i; // remember the file position
  });
  return events;
}

function naiveOrder(events: Float64Array): number[] {
  const n = events.length / RECORD_SLOTS;
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => events[a * RECORD_SLOTS] - events[b * RECORD_SLOTS] || a - b);
}

describe('analysis: sortEvents(events)', () => {
  it('interleaves per-thread runs into time order', () => {
    const events = log([[1, 0], [4, 0], [6, 0], [2, 1], [3, 1], [5, 1]]);
    assert.deepEqual([...sortOrder(events)], [0, 3, 4, 1, 5, 2]);
  });

  it('keeps file order for equal times (stable), across threads too', () => {
    const events = log([[1, 1], [1, 0], [1, 1], [0, 2]]);
    assert.deepEqual([...sortOrder(events)], [3, 0, 1, 2]);
  });

  it('handles a thread whose records are out of order (a late sampler record)', () => {
    const events = log([[5, 0], [2, 0], [3, 0], [1, 1]]);
    assert.deepEqual([...sortOrder(events)], [3, 1, 2, 0]);
  });

  it('returns whole records, rearranged', () => {
    const events = log([[2, 0], [1, 1]]);
    const sorted = sortEvents(events);
    assert.deepEqual([...sorted.subarray(0, 8)], [...events.subarray(8, 16)]);
    assert.deepEqual([...applyOrder(events, new Uint32Array([1, 0]))], [...sorted]);
  });

  it('merges many short runs (a log in reverse time order) pairwise, still stable', () => {
    const records: [number, number][] = [];
    for (let i = 0; i < 3000; i++) records.push([Math.floor((3000 - i) / 2), i % 3]);
    const events = log(records);
    assert.deepEqual([...sortOrder(events)], naiveOrder(events));
  });

  it('sorts CPU records written late by the sampler into place without cutting the thread into runs', () => {
    const records: [number, number][] = [[1, 1], [2, 1], [5, 1], [6, 1], [3, 1], [4, 1], [7, 1]];
    const events = log(records);
    for (const i of [4, 5]) events[i * RECORD_SLOTS + 1] = EventKind.CPU;
    assert.deepEqual([...sortOrder(events)], [0, 1, 4, 5, 2, 3, 6]);
  });

  it('handles an empty log', () => {
    assert.equal(sortEvents(new Float64Array(0)).length, 0);
  });

  it('equals a naive stable sort for any log of interleaved, mostly sorted runs (property)', () => {
    const record = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 4 }));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 120 }), fc.boolean(), (records, sortPerThread) => {
        const input = sortPerThread ? [...records].sort((a, b) => a[0] - b[0]) : records;
        const events = log(input);
        assert.deepEqual([...sortOrder(events)], naiveOrder(events));
      }),
      { numRuns: 200 },
    );
  });
});
