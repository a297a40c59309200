/**
 * When the recorder's records become visible to the supervisor (batched publishing). See
 * recorder.ts; runs of lock holds are pinned in recorder-lock-runs.test.ts.
 */
import assert from 'node:assert/strict';
import { allocateControlBlock } from '../../../src/shared/control-block';
import { allocateEventRing, EventRingReader } from '../../../src/shared/event-ring';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { PUBLISH_EVERY, Recorder } from '../../../src/runtime/recorder';

/** A recorder whose every event after the first is in a burst (Infinity), or none is (0). */
function setUp(publishAfterMs: number): { recorder: Recorder; reader: EventRingReader } {
  const ring = allocateEventRing(256, new SharedArrayBuffer(4));
  const recorder = new Recorder(ring, new Int32Array(allocateControlBlock()), 2, publishAfterMs);
  return { recorder, reader: new EventRingReader(ring.buffer) };
}

/** Drains everything published, as records of [time, kind, thread, obj, a, b, c, loc]. */
function drain(reader: EventRingReader): number[][] {
  const out = new Float64Array(256 * RECORD_SLOTS);
  const n = reader.drainInto(out, 0, 256);
  return Array.from({ length: n }, (_, i) => Array.from(out.subarray(i * RECORD_SLOTS, (i + 1) * RECORD_SLOTS)));
}

const kinds = (records: number[][]): number[] => records.map((r) => r[1]!);

describe('Recorder publishing', () => {
  it('publishes a sparse event at once', () => {
    const { recorder, reader } = setUp(0);
    recorder.record(EventKind.MARK, -1, 1, 0, 0, -1);
    recorder.record(EventKind.MARK, -1, 2, 0, 0, -1);
    assert.deepEqual(kinds(drain(reader)), [EventKind.MARK, EventKind.MARK]);
  });

  it(`publishes a burst every ${PUBLISH_EVERY} events, and the rest on flush()`, () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1); // the first event is never in a burst
    assert.equal(drain(reader).length, 1);
    for (let i = 1; i <= PUBLISH_EVERY + 3; i++) recorder.record(EventKind.MARK, -1, i, 0, 0, -1);
    assert.equal(drain(reader).length, PUBLISH_EVERY);
    recorder.flush();
    assert.deepEqual(drain(reader).map((r) => r[4]), [PUBLISH_EVERY + 1, PUBLISH_EVERY + 2, PUBLISH_EVERY + 3]);
  });

  it('publishes a burst once the synchronous code that recorded it yields', async () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1);
    recorder.record(EventKind.MARK, -1, 1, 0, 0, -1);
    recorder.record(EventKind.MARK, -1, 2, 0, 0, -1);
    assert.deepEqual(drain(reader).map((r) => r[4]), [0]);
    await Promise.resolve();
    assert.deepEqual(drain(reader).map((r) => r[4]), [1, 2]);
  });
});
