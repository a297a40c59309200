import assert from 'node:assert/strict';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { splitStrings } from '../../../src/runner/batch';
import { expandLockRuns, RING_LOCK_RUN } from '../../../src/shared/ring-lock-run';
import { allocateEventRing, EventRingReader } from '../../../src/shared/event-ring';
import { Recorder } from '../../../src/runtime/recorder';
import { allocateControlBlock } from '../../../src/shared/control-block';

describe('splitStrings (drained records → strings + events)', () => {
  it('takes interned strings out of the event stream, whatever their length', () => {
    const ring = allocateEventRing(1024, new SharedArrayBuffer(4));
    const recorder = new Recorder(ring, new Int32Array(allocateControlBlock()), 3);
    const long = 'x'.repeat(100) + '— ünïcödé ✓ ' + '<img src=x onerror=alert(1)>';
    const a = recorder.intern('short');
    recorder.record(EventKind.MARK, -1, a, 0, 0, -1);
    const b = recorder.intern(long);
    recorder.record(EventKind.MARK, -1, b, 0, 0, -1);
    assert.equal(recorder.intern('short'), a, 'interned once');
    recorder.flush();
    const out = new Float64Array(1024 * RECORD_SLOTS);
    const n = new EventRingReader(ring.buffer).drainInto(out, 0, 1024);
    const strings: [number, string][] = [];
    const events = splitStrings(out, n, strings);
    assert.deepEqual(strings, [[a, 'short'], [b, long]]);
    assert.equal(events.length / RECORD_SLOTS, 2);
    assert.equal(events[1], EventKind.MARK);
    assert.equal(events[2], 3, 'the thread id is in every record');
    assert.equal(events[4], a);
    assert.equal(events[RECORD_SLOTS + 4], b);
  });

  it('keeps a run of lock holds whole, though one of its times looks like a STRING record', () => {
    const ring = allocateEventRing(64, new SharedArrayBuffer(4));
    const recorder = new Recorder(ring, new Int32Array(allocateControlBlock()), 3);
    recorder.intern('a name');
    recorder.flush();
    const out = new Float64Array(64 * RECORD_SLOTS);
    let n = new EventRingReader(ring.buffer).drainInto(out, 0, 64);
    // A run of 10 events (a header with two times, then a record of times) whose second further
    // time reads as EventKind.STRING.
    out.set([0.5, RING_LOCK_RUN, 0.6, 4, 1, 10, 0, -1], n * RECORD_SLOTS);
    out.set([0.75, EventKind.STRING, 1.25, 1.5, 1.75, 2, 2.25, 2.5], (n + 1) * RECORD_SLOTS);
    n += 2;
    const strings: [number, string][] = [];
    const events = expandLockRuns(splitStrings(out, n, strings), 3);
    assert.deepEqual(strings.map(([, text]) => text), ['a name']);
    const times = Array.from({ length: events.length / RECORD_SLOTS }, (_, i) => events[i * RECORD_SLOTS]);
    assert.deepEqual(times, [0.5, 0.6, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5]);
  });
});

