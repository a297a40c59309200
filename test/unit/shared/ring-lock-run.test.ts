/** The supervisor's side of LOCK_RUN ring records: expandLockRuns (see ring-lock-run.ts). */
import assert from 'node:assert/strict';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { expandLockRuns, RING_LOCK_RUN } from '../../../src/shared/ring-lock-run';

const { LOCK_ACQUIRED: ACQUIRED, LOCK_RELEASED: RELEASED, MARK } = EventKind;

const THREAD = 2;
/** A run header for lock 4, first acquisition 10, `events` events, times 1 and 2. */
const header = (events: number, depth = 0, loc = -1): number[] => [1, RING_LOCK_RUN, 2, 4, 10, events, depth, loc];
/** A record of eight further times, from `first` on. */
const times = (first: number): number[] => Array.from({ length: 8 }, (_, k) => first + k);
const mark = (time: number): number[] => [time, MARK, THREAD, -1, 0, 0, 0, -1];

function expand(...records: number[][]): number[][] {
  const out = expandLockRuns(Float64Array.from(records.flat()), THREAD);
  return Array.from({ length: out.length / RECORD_SLOTS }, (_, i) => Array.from(out.subarray(i * RECORD_SLOTS, (i + 1) * RECORD_SLOTS)));
}

describe('expandLockRuns', () => {
  it('returns records without runs as they are', () => {
    const records = Float64Array.from([...mark(1), ...mark(2)]);
    assert.equal(expandLockRuns(records, THREAD), records);
  });

  it('expands each run between other records into its acquisitions and releases', () => {
    const events = expand(mark(0), header(3, 1, 17), times(3), mark(50), header(10), times(3), mark(60));
    assert.deepEqual(events.map((e) => e[1]), [MARK, ACQUIRED, RELEASED, ACQUIRED, MARK, ...Array(5).fill([ACQUIRED, RELEASED]).flat(), MARK]);
    assert.deepEqual(events.slice(1, 4), [
      [1, ACQUIRED, THREAD, 4, 10, 0, 1, 17],
      [2, RELEASED, THREAD, 4, 10, 0, 0, -1],
      [3, ACQUIRED, THREAD, 4, 11, 0, 1, -1],
    ]);
    assert.deepEqual(events.slice(5, 15).map((e) => e[0]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(events.slice(5, 15).map((e) => e[4]), [10, 10, 11, 11, 12, 12, 13, 13, 14, 14]);
  });

  it('expands a lone hold from its header alone', () => {
    const events = expand(header(2), mark(9));
    assert.deepEqual(events.map((e) => [e[0], e[1], e[4]]), [[1, ACQUIRED, 10], [2, RELEASED, 10], [9, MARK, 0]]);
  });

  it('expands an adopted run only as far as the records present (a thread killed as it began a record)', () => {
    const events = expand(mark(0), header(12), times(3));
    assert.equal(events.length, 1 + 10, 'the two header times and the eight present');
    assert.deepEqual(events.at(-1)!.slice(0, 2), [10, RELEASED]);
  });
});
