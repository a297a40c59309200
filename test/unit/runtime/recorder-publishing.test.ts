/**
 * When the recorder's records become visible to the supervisor (batched publishing), and how an
 * uncontended lock acquisition and its release travel as one LOCK_HOLD ring record that the
 * supervisor expands back into the two events. See recorder.ts and ring-lock-hold.ts.
 */
import assert from 'node:assert/strict';
import { allocateControlBlock } from '../../../src/shared/control-block';
import { allocateEventRing, EventRingReader } from '../../../src/shared/event-ring';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { expandLockHolds, RING_LOCK_HOLD } from '../../../src/shared/ring-lock-hold';
import { now } from '../../../src/runtime/clock';
import { LONG_HOLD_MS, PUBLISH_EVERY, Recorder } from '../../../src/runtime/recorder';

const LOCK = 7;

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

describe('Recorder lock holds (LOCK_HOLD ring records)', () => {
  it('writes an uncontended acquire and its release in a burst as one record, expanded to both events', () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1);
    recorder.recordLockAcquired(LOCK, 5, 0, 12);
    const releasedAt = 1234.5;
    recorder.recordLockReleased(releasedAt, LOCK, 5, 0, 0, -1);
    recorder.flush();
    const ring = drain(reader);
    assert.deepEqual(kinds(ring), [EventKind.MARK, RING_LOCK_HOLD]);
    const acquiredAt = ring[1]![0]!;
    const events = expandLockHolds(Float64Array.from(ring.flat()));
    const expanded = Array.from({ length: events.length / RECORD_SLOTS }, (_, i) => Array.from(events.subarray(i * RECORD_SLOTS, (i + 1) * RECORD_SLOTS)));
    assert.deepEqual(expanded.slice(1), [
      [acquiredAt, EventKind.LOCK_ACQUIRED, 2, LOCK, 5, 0, 0, 12],
      [releasedAt, EventKind.LOCK_RELEASED, 2, LOCK, 5, 0, 0, -1],
    ]);
  });

  it('keeps what happens inside the lock after its acquisition', () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    recorder.record(EventKind.WRITE, 9, 0, 1, 0, -1);
    recorder.recordLockReleased(100, LOCK, 1, 0, 0, -1);
    recorder.flush();
    assert.deepEqual(kinds(drain(reader)), [EventKind.MARK, EventKind.LOCK_ACQUIRED, EventKind.WRITE, EventKind.LOCK_RELEASED]);
  });

  it('writes ordinary events when someone waits, the release has a location, or it is another lock', () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    recorder.recordLockReleased(10, LOCK, 1, 1, 0, -1); // waiters were present
    recorder.recordLockAcquired(LOCK, 2, 0, -1);
    recorder.recordLockReleased(20, LOCK, 2, 0, 0, 3); // the release's location was captured
    recorder.recordLockAcquired(LOCK, 3, 0, -1);
    recorder.recordLockReleased(30, LOCK + 1, 9, 0, 0, -1); // releases a different lock
    recorder.flush();
    const ring = drain(reader);
    assert.ok(!kinds(ring).includes(RING_LOCK_HOLD), JSON.stringify(ring));
    const { LOCK_ACQUIRED: acquired, LOCK_RELEASED: released } = EventKind;
    assert.deepEqual(kinds(ring).slice(1), [acquired, released, acquired, released, acquired, released]);
  });

  it('shows an acquisition held open once the thread flushes, blocks or yields', async () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1);
    drain(reader);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    assert.equal(reader.pending(), 0);
    await Promise.resolve();
    assert.deepEqual(kinds(drain(reader)), [EventKind.LOCK_ACQUIRED]);
    recorder.recordLockAcquired(LOCK + 1, 1, 0, -1);
    recorder.flush();
    assert.deepEqual(kinds(drain(reader)), [EventKind.LOCK_ACQUIRED]);
  });

  it('publishes the next acquisition at once after a long hold (a long critical section shows live from its start)', () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1);
    drain(reader);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    recorder.recordLockReleased(now() + 10 * LONG_HOLD_MS, LOCK, 1, 0, 0, -1);
    recorder.flush();
    drain(reader);
    recorder.recordLockAcquired(LOCK, 2, 0, -1);
    assert.deepEqual(kinds(drain(reader)), [EventKind.LOCK_ACQUIRED]);
  });

  it('records a sparse acquisition at once', () => {
    const { recorder, reader } = setUp(0);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    assert.deepEqual(kinds(drain(reader)), [EventKind.LOCK_ACQUIRED]);
  });

  it('lets the supervisor adopt an acquisition held open by a thread that died', () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.record(EventKind.MARK, -1, 0, 0, 0, -1);
    drain(reader);
    recorder.record(EventKind.MARK, -1, 1, 0, 0, -1);
    recorder.recordLockAcquired(LOCK, 4, 0, -1);
    // The thread stops here (terminate() while it spins holding the lock): nothing is published.
    assert.equal(reader.pending(), 0);
    reader.adoptUnpublished();
    const ring = drain(reader);
    assert.deepEqual(kinds(ring), [EventKind.MARK, EventKind.LOCK_ACQUIRED]);
    assert.equal(ring[1]![4], 4);
  });
});
