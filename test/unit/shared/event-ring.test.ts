import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { allocateEventRing, EventRingReader, EventRingWriter } from '../../../src/shared/event-ring';
import { RECORD_SLOTS } from '../../../src/shared/events';

/** Writes a record without publishing it. */
function writeUnpublished(writer: EventRingWriter, value: number): void {
  writer.records[writer.reserve()] = value;
  writer.commit();
}

/** Runs fn while a consumer thread drains whatever is published, every millisecond. */
async function withDrainingConsumer(buffer: SharedArrayBuffer, fn: () => void): Promise<void> {
  const consumer = new Worker(
    `const { workerData } = require('node:worker_threads');
     const control = new Int32Array(workerData.buffer, 0, 48);
     setInterval(() => { Atomics.store(control, 16, Atomics.load(control, 0)); Atomics.notify(control, 16); }, 1);`,
    { eval: true, workerData: { buffer } },
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, 50));
    fn();
  } finally {
    await consumer.terminate();
  }
}

function write(writer: EventRingWriter, value: number): boolean {
  const at = writer.reserve();
  if (at < 0) return false;
  writer.records[at] = value;
  writer.commit();
  writer.publish();
  return true;
}

describe('EventRing', () => {
  it('delivers records in order across many wrap-arounds', () => {
    const ring = allocateEventRing(8, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 0);
    const reader = new EventRingReader(ring.buffer);
    const out = new Float64Array(8 * RECORD_SLOTS);
    const seen: number[] = [];
    for (let i = 0; i < 1000; i++) {
      assert.ok(write(writer, i));
      if (i % 5 === 4) {
        const n = reader.drainInto(out, 0, 8);
        for (let k = 0; k < n; k++) seen.push(out[k * RECORD_SLOTS]!);
      }
    }
    const n = reader.drainInto(out, 0, 8);
    for (let k = 0; k < n; k++) seen.push(out[k * RECORD_SLOTS]!);
    assert.deepEqual(seen, Array.from({ length: 1000 }, (_, i) => i));
  });

  it('drops and counts events when the consumer does not drain, without waiting forever', () => {
    const ring = allocateEventRing(4, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 20);
    const started = Date.now();
    let written = 0;
    for (let i = 0; i < 100; i++) if (write(writer, i)) written++;
    assert.equal(written, 4);
    assert.equal(writer.takeDrops(), 96);
    // One bounded wait for the whole burst, not one per dropped event.
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it('resumes writing once the consumer frees room', () => {
    const ring = allocateEventRing(4, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 0);
    const reader = new EventRingReader(ring.buffer);
    for (let i = 0; i < 6; i++) write(writer, i);
    assert.equal(writer.takeDrops(), 2);
    reader.drainInto(new Float64Array(4 * RECORD_SLOTS), 0, 4);
    assert.ok(write(writer, 99));
    assert.equal(reader.pending(), 1);
  });

  it('keeps committed records from the consumer until they are published', () => {
    const ring = allocateEventRing(8, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 0);
    const reader = new EventRingReader(ring.buffer);
    for (let i = 0; i < 3; i++) writeUnpublished(writer, i);
    assert.equal(reader.pending(), 0);
    assert.equal(writer.unpublished, 3);
    writer.publish();
    assert.equal(reader.pending(), 3);
    assert.equal(writer.unpublished, 0);
  });

  it('publishes what it has written before it waits for room, so a ring full of unpublished records drains', async () => {
    const ring = allocateEventRing(4, new SharedArrayBuffer(4));
    await withDrainingConsumer(ring.buffer, () => {
      const writer = new EventRingWriter(ring, 2000);
      for (let i = 0; i < 4; i++) writeUnpublished(writer, i);
      // Full, and nothing published: only publishing before the wait lets the consumer free room.
      assert.ok(writer.reserve() >= 0);
      assert.equal(writer.takeDrops(), 0);
    });
  });

  it('lets the consumer adopt what a dead producer wrote but never published, and nothing more', () => {
    const ring = allocateEventRing(8, new SharedArrayBuffer(4));
    const writer = new EventRingWriter(ring, 0);
    const reader = new EventRingReader(ring.buffer);
    for (let i = 0; i < 2; i++) writeUnpublished(writer, i);
    writer.publish();
    for (let i = 2; i < 5; i++) writeUnpublished(writer, i);
    // A record reserved and written but held open (a lock acquisition waiting for its release).
    writer.records[writer.reserve()] = 5;
    writer.writtenAhead(1);
    assert.equal(reader.pending(), 2);
    reader.adoptUnpublished();
    assert.equal(reader.pending(), 6);
    const out = new Float64Array(8 * RECORD_SLOTS);
    const n = reader.drainInto(out, 0, 8);
    assert.deepEqual(Array.from({ length: n }, (_, k) => out[k * RECORD_SLOTS]), [0, 1, 2, 3, 4, 5]);
    reader.adoptUnpublished();
    assert.equal(reader.pending(), 0, 'adopting twice must not publish anything again');
  });

  it('refuses a capacity that is not a power of two', () => {
    assert.throws(() => allocateEventRing(6, new SharedArrayBuffer(4)), /power of two/);
  });

  it('waits for a draining consumer instead of dropping when the ring is briefly full', async () => {
    const ring = allocateEventRing(16, new SharedArrayBuffer(4));
    await withDrainingConsumer(ring.buffer, () => {
      const writer = new EventRingWriter(ring, 500);
      let written = 0;
      for (let i = 0; i < 200; i++) if (write(writer, i)) written++;
      assert.equal(written, 200);
      assert.equal(writer.takeDrops(), 0);
    });
  });
});
