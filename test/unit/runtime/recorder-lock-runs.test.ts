/**
 * How a thread's consecutive uncontended holds of one lock travel as a run (a header and the times
 * of the further events, see ring-lock-run.ts), and that what the supervisor expands from the ring
 * is exactly the LOCK_ACQUIRED / LOCK_RELEASED events the thread would have recorded one by one.
 */
import assert from 'node:assert/strict';
import { allocateControlBlock } from '../../../src/shared/control-block';
import { allocateEventRing, EventRingReader } from '../../../src/shared/event-ring';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { expandLockRuns, RING_LOCK_RUN, RUN_EVENTS_SLOT } from '../../../src/shared/ring-lock-run';
import { now } from '../../../src/runtime/clock';
import { LONG_HOLD_MS, Recorder, RUN_RECORDS } from '../../../src/runtime/recorder';

const LOCK = 7;
const THREAD = 2;
const { LOCK_ACQUIRED: ACQUIRED, LOCK_RELEASED: RELEASED, MARK } = EventKind;

/** A recorder whose every event after the first is in a burst (Infinity), or none is (0). */
function setUp(publishAfterMs: number, capacity = 256): { recorder: Recorder; reader: EventRingReader } {
  const ring = allocateEventRing(capacity, new SharedArrayBuffer(4));
  const recorder = new Recorder(ring, new Int32Array(allocateControlBlock()), THREAD, publishAfterMs);
  recorder.record(MARK, -1, 0, 0, 0, -1); // the first event is never in a burst
  return { recorder, reader: new EventRingReader(ring.buffer) };
}

/** Drains everything published: the raw ring records, and the events the supervisor makes of them. */
function drain(reader: EventRingReader): { ring: number[][]; events: number[][] } {
  const out = new Float64Array(reader.capacity * RECORD_SLOTS);
  const n = reader.drainInto(out, 0, reader.capacity);
  const expanded = expandLockRuns(out.subarray(0, n * RECORD_SLOTS), THREAD);
  return { ring: rows(out.subarray(0, n * RECORD_SLOTS)), events: rows(expanded) };
}

function rows(records: Float64Array): number[][] {
  return Array.from({ length: records.length / RECORD_SLOTS }, (_, i) => Array.from(records.subarray(i * RECORD_SLOTS, (i + 1) * RECORD_SLOTS)));
}

const kinds = (records: number[][]): number[] => records.map((r) => r[1]!);
/** The event counts of the runs in the raw ring records (a run of one is a lone acquisition). */
const runLengths = (ring: number[][]): number[] => ring.filter((r) => r[1] === RING_LOCK_RUN).map((r) => r[RUN_EVENTS_SLOT]!);

/** `holds` uncontended holds of LOCK numbered from `first`; returns the release times given. */
function hold(recorder: Recorder, first: number, holds: number, firstLoc = -1): number[] {
  const released: number[] = [];
  for (let h = 0; h < holds; h++) {
    recorder.recordLockAcquired(LOCK, first + h, 0, h === 0 ? firstLoc : -1);
    const time = now();
    released.push(time);
    recorder.recordLockReleased(time, LOCK, first + h, 0, 0, -1);
  }
  return released;
}

describe('Recorder lock runs (LOCK_RUN ring records)', function () {
  // A hold of LONG_HOLD_MS or more rightly ends a run (see recorder.ts); on a loaded machine the
  // OS can preempt this thread inside a hold for that long (seen in CI: runs of 2 and 16, not 20).
  // Such a run is a true result of a slow hold, not a wrong encoding: try again. A wrong encoding
  // fails every try.
  this.retries(3);
  it('writes consecutive uncontended holds of a lock as one run, expanded to every event exactly', () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    const released = hold(recorder, 5, 10, 12);
    recorder.flush();
    const { ring, events } = drain(reader);
    assert.deepEqual(runLengths(ring), [20]);
    assert.equal(ring.length, 1 + 3, 'a header with two times, and the 18 further times, 8 to a record');
    assert.equal(events.length, 20);
    events.forEach((e, i) => {
      const h = i >> 1;
      if (i % 2 === 0) {
        assert.deepEqual(e.slice(1), [ACQUIRED, THREAD, LOCK, 5 + h, 0, 0, h === 0 ? 12 : -1], `event ${i}`);
      } else {
        assert.deepEqual(e, [released[h], RELEASED, THREAD, LOCK, 5 + h, 0, 0, -1], `event ${i}`);
      }
    });
    const times = events.map((e) => e[0]!);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'times in order');
  });

  it('keeps the recursion depth of an RLock acquisition in every acquisition of its run', () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    for (let h = 0; h < 3; h++) {
      recorder.recordLockAcquired(LOCK, h + 1, 1, -1);
      recorder.recordLockReleased(now(), LOCK, h + 1, 0, 0, -1);
    }
    recorder.flush();
    const { events } = drain(reader);
    assert.deepEqual(events.map((e) => e[6]), [1, 0, 1, 0, 1, 0]);
  });

  it('keeps what happens inside the lock after its acquisition', () => {
    const { recorder, reader } = setUp(Infinity);
    hold(recorder, 1, 2);
    recorder.recordLockAcquired(LOCK, 3, 0, -1);
    recorder.record(EventKind.WRITE, 9, 0, 1, 0, -1);
    recorder.recordLockReleased(now(), LOCK, 3, 0, 0, -1);
    recorder.flush();
    const { events } = drain(reader);
    assert.deepEqual(kinds(events), [MARK, ACQUIRED, RELEASED, ACQUIRED, RELEASED, ACQUIRED, EventKind.WRITE, RELEASED]);
    assert.deepEqual(events.map((e) => e[4]), [0, 1, 1, 2, 2, 3, 0, 3]);
  });

  it('ends a run when someone waits, the release has a location, or another lock is released', () => {
    const { recorder, reader } = setUp(Infinity);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    recorder.recordLockReleased(10, LOCK, 1, 1, 0, -1); // waiters were present
    recorder.recordLockAcquired(LOCK, 2, 0, -1);
    recorder.recordLockReleased(20, LOCK, 2, 0, 0, 3); // the release's location was captured
    recorder.recordLockAcquired(LOCK, 3, 0, -1);
    recorder.recordLockReleased(30, LOCK + 1, 9, 0, 0, -1); // releases a different lock
    recorder.flush();
    const { ring, events } = drain(reader);
    assert.deepEqual(runLengths(ring), [1, 1, 1], 'each acquisition alone');
    assert.deepEqual(kinds(events).slice(1), [ACQUIRED, RELEASED, ACQUIRED, RELEASED, ACQUIRED, RELEASED]);
    assert.deepEqual(events.slice(1).map((e) => e[5]), [0, 1, 0, 0, 0, 0], 'waiters kept');
    assert.deepEqual(events.slice(1).map((e) => e[7]), [-1, -1, -1, 3, -1, -1], 'location kept');
  });

  it('starts a new run when another thread took the lock in between (acquisition numbers stay exact)', () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    hold(recorder, 1, 2);
    hold(recorder, 7, 2); // numbers 3..6 went to other threads
    recorder.flush();
    const { ring, events } = drain(reader);
    assert.deepEqual(runLengths(ring), [4, 4]);
    assert.deepEqual(events.map((e) => e[4]), [1, 1, 2, 2, 7, 7, 8, 8]);
  });

  it('writes a lone hold (threads taking turns) as one record', () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    const released = [1, 3, 5].flatMap((seq) => hold(recorder, seq, 1));
    recorder.flush();
    const { ring, events } = drain(reader);
    assert.equal(ring.length, 3);
    assert.deepEqual(runLengths(ring), [2, 2, 2]);
    assert.deepEqual(events.filter((e) => e[1] === RELEASED).map((e) => [e[0], e[4]]), [[released[0], 1], [released[1], 3], [released[2], 5]]);
  });

  it(`closes and publishes a run once it fills ${RUN_RECORDS} records, with nothing lost across runs`, () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    const perRun = 1 + 4 * (RUN_RECORDS - 1);
    hold(recorder, 1, perRun);
    const first = drain(reader);
    assert.equal(first.ring.length, RUN_RECORDS, 'published without a flush');
    assert.deepEqual(runLengths(first.ring), [2 * perRun]);
    hold(recorder, perRun + 1, 3);
    recorder.flush();
    const second = drain(reader);
    assert.deepEqual(second.events.map((e) => e[4]), [perRun + 1, perRun + 1, perRun + 2, perRun + 2, perRun + 3, perRun + 3]);
  });

  it('records the holds that meet the end of the ring one by one, and runs again after it', () => {
    // 64 records: the runs of rounds 0 and 1 fit before the end; round 2 meets it.
    const { recorder, reader } = setUp(Infinity, 64);
    for (let round = 0; round < 4; round++) {
      drain(reader);
      for (let i = 0; i < 13; i++) recorder.record(MARK, -1, i, 0, 0, -1);
      const released = hold(recorder, 100 * round, 30);
      recorder.flush();
      const { ring, events } = drain(reader);
      assert.ok(runLengths(ring).some((n) => n > 1), `round ${round}: some holds in a run`);
      if (round === 2) assert.ok(ring.some((r) => r[1] === ACQUIRED), 'at the end of the ring, holds one by one');
      const locks = events.filter((e) => e[1] !== MARK);
      assert.equal(locks.length, 60, `round ${round}`);
      assert.deepEqual(locks.filter((e) => e[1] === RELEASED).map((e) => [e[0], e[4]]), released.map((t, h) => [t, 100 * round + h]));
      assert.deepEqual(locks.map((e) => e[1]), Array(30).fill([ACQUIRED, RELEASED]).flat());
    }
  });

  it('shows an acquisition held open once the thread flushes, blocks or yields', async () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    assert.equal(reader.pending(), 0);
    await Promise.resolve();
    assert.deepEqual(kinds(drain(reader).events), [ACQUIRED]);
    recorder.recordLockAcquired(LOCK + 1, 1, 0, -1);
    recorder.flush();
    assert.deepEqual(kinds(drain(reader).events), [ACQUIRED]);
  });

  it('publishes the next acquisition at once after a long hold (a long critical section shows live from its start)', () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    recorder.recordLockReleased(now() + 10 * LONG_HOLD_MS, LOCK, 1, 0, 0, -1);
    assert.deepEqual(kinds(drain(reader).events), [ACQUIRED, RELEASED], 'the long hold itself is published at its release');
    recorder.recordLockAcquired(LOCK, 2, 0, -1);
    assert.deepEqual(kinds(drain(reader).events), [ACQUIRED]);
  });

  it('records a sparse acquisition and release at once', () => {
    const { recorder, reader } = setUp(0);
    drain(reader);
    recorder.recordLockAcquired(LOCK, 1, 0, -1);
    assert.deepEqual(kinds(drain(reader).events), [ACQUIRED]);
    recorder.recordLockReleased(now(), LOCK, 1, 0, 0, -1);
    assert.deepEqual(kinds(drain(reader).events), [RELEASED]);
  });

  it('lets the supervisor adopt the open run of a thread that died, up to its last event', () => {
    const { recorder, reader } = setUp(Infinity);
    drain(reader);
    recorder.record(MARK, -1, 1, 0, 0, -1);
    hold(recorder, 4, 5);
    recorder.recordLockAcquired(LOCK, 9, 0, -1);
    // The thread stops here (terminate() while it spins holding the lock): nothing is published.
    assert.equal(reader.pending(), 0);
    reader.adoptUnpublished();
    const { events } = drain(reader);
    assert.deepEqual(kinds(events), [MARK, ...Array.from({ length: 5 }, () => [ACQUIRED, RELEASED]).flat(), ACQUIRED]);
    assert.equal(events.at(-1)![4], 9, 'the acquisition it died holding');
  });
});
