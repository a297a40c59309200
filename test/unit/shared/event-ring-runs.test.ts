/**
 * Runs of records published at once (reserveRun / commitRun): what a STRING record and its
 * continuations need, since a drain between them split the string and wrote its text into the
 * trace as garbage events (seen as "event N has an unknown event kind 1.69e-306").
 */
import assert from 'node:assert/strict';
import { allocateEventRing, EventRingReader, EventRingWriter } from '../../../src/shared/event-ring';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { splitStrings } from '../../../src/runner/batch';

describe('EventRing runs (reserveRun / commitRun)', () => {
  it('the consumer sees none of a run until it is committed, then all of it, across the wrap', () => {
    const ring = allocateEventRing(8, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 0);
    const reader = new EventRingReader(ring.buffer);
    const out = new Float64Array(8 * RECORD_SLOTS);
    for (let i = 0; i < 6; i++) { writer.records[writer.reserve()] = i; writer.commit(); }
    writer.publish();
    assert.equal(reader.drainInto(out, 0, 8), 6);
    // head is at 6: a run of 4 wraps past the end of the ring.
    assert.ok(writer.reserveRun(4) >= 0);
    for (let k = 0; k < 4; k++) writer.records[writer.slotAfter(k)] = 100 + k;
    assert.equal(reader.pending(), 0, 'part of a run was visible before commitRun');
    writer.commitRun(4);
    assert.equal(reader.pending(), 4);
    const n = reader.drainInto(out, 0, 8);
    assert.deepEqual(Array.from({ length: n }, (_, k) => out[k * RECORD_SLOTS]), [100, 101, 102, 103]);
  });

  it('a run that can never fit (longer than the ring) is dropped and counted once, at once', () => {
    const ring = allocateEventRing(4, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 0);
    assert.equal(writer.reserveRun(5), -1);
    assert.equal(writer.takeDrops(), 1);
  });

  it('a run that does not fit in a full ring is dropped after the bounded wait, never split', () => {
    const ring = allocateEventRing(8, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 5);
    const reader = new EventRingReader(ring.buffer);
    for (let i = 0; i < 6; i++) { writer.records[writer.reserve()] = i; writer.commit(); }
    writer.publish();
    const started = Date.now();
    assert.equal(writer.reserveRun(3), -1);
    assert.ok(Date.now() - started < 1000);
    assert.equal(reader.pending(), 6);
  });

  it('a string drained right after it was interned arrives whole: splitStrings takes all its records', () => {
    const ring = allocateEventRing(16, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 0);
    const reader = new EventRingReader(ring.buffer);
    const text = 'x'.repeat(70); // 3 continuation records of 32 UTF-16 units
    const at = writer.reserveRun(4);
    writer.records.set([0, EventKind.STRING, 1, -1, 7, text.length, 3, -1], at);
    const units = new Uint16Array(writer.records.buffer, writer.records.byteOffset);
    for (let rec = 0; rec < 3; rec++) {
      const base = writer.slotAfter(1 + rec) * 4;
      for (let u = 0; u < 32; u++) units[base + u] = rec * 32 + u < text.length ? text.charCodeAt(rec * 32 + u) : 0;
    }
    writer.commitRun(4);
    const out = new Float64Array(16 * RECORD_SLOTS);
    const n = reader.drainInto(out, 0, 16);
    const strings: [number, string][] = [];
    const events = splitStrings(out, n, strings);
    assert.deepEqual(strings, [[7, text]]);
    assert.equal(events.length, 0);
  });
});
