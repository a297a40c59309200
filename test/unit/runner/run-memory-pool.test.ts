/**
 * RunMemoryPool (runner/run-memory-pool.ts): explore's runs reuse one run's shared memory. Pinned
 * here: memory a run used and gave back is, when taken again, byte for byte what a new run's
 * memory is; a ring comes back empty; a heap that grew, or memory of another shape, is not reused.
 */
import assert from 'node:assert/strict';
import { EventRingReader, EventRingWriter } from '../../../src/shared/event-ring';
import { HEAP_HEADER_BYTES, HEAP_W_LIMIT, HEAP_W_TOP } from '../../../src/shared/heap-layout';
import type { RunMemory } from '../../../src/shared/worker-protocol';
import { RunMemoryPool, allocateRunMemory, type RunMemorySpec } from '../../../src/runner/run-memory-pool';

const SPEC: RunMemorySpec = { heapInitialBytes: 1 << 20, heapLimitBytes: 64 << 20, schedFlags: 1 };

/** The first byte where two buffers differ, or -1 (the buffers are megabytes: no full dump). */
function firstDifference(a: SharedArrayBuffer, b: SharedArrayBuffer): number {
  if (a.byteLength !== b.byteLength) return Math.min(a.byteLength, b.byteLength);
  const [x, y] = [new Uint8Array(a), new Uint8Array(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** What a run leaves behind: every word of every table written, the heap's blocks and its words (all but its limit). */
function dirty(memory: RunMemory): void {
  new Int32Array(memory.control).fill(7);
  new Int32Array(memory.plain).fill(9);
  new Int32Array(memory.sched!).fill(3);
  new Int32Array(memory.doorbell).fill(1);
  const top = 64 * 1024;
  new Uint8Array(memory.heap, HEAP_HEADER_BYTES, top - HEAP_HEADER_BYTES).fill(5);
  const words = new Int32Array(memory.heap, 0, HEAP_HEADER_BYTES / 4);
  const limit = words[HEAP_W_LIMIT]!;
  words.fill(5);
  words[HEAP_W_LIMIT] = limit;
  words[HEAP_W_TOP] = top;
}

describe('RunMemoryPool (explore runs share one run\'s memory)', () => {
  it('gives a used run\'s memory back exactly as new memory is made', () => {
    const pool = new RunMemoryPool();
    const used = pool.take(SPEC);
    dirty(used);
    pool.give(used, []);
    const again = pool.take(SPEC);
    assert.equal(again.control, used.control, 'the same buffers, reused');
    assert.equal(again.heap, used.heap);
    const fresh = allocateRunMemory(SPEC);
    for (const part of ['control', 'heap', 'doorbell', 'plain', 'sched'] as const) {
      assert.equal(firstDifference(again[part]!, fresh[part]!), -1, `${part} differs from a new one at that byte`);
    }
    assert.deepEqual(pool.allocated, { runs: 1, rings: 0 });
  });

  it('gives a used ring back empty: nothing of the last run is read from it', () => {
    const pool = new RunMemoryPool();
    const doorbell = new SharedArrayBuffer(4);
    const ring = pool.takeRing(64, doorbell);
    const writer = new EventRingWriter(ring);
    for (let i = 0; i < 10; i++) {
      writer.records[writer.reserve()] = i;
      writer.commit();
    }
    writer.publish();
    pool.give(allocateRunMemory(SPEC), [ring.buffer]);
    const again = pool.takeRing(64, doorbell);
    assert.equal(again.buffer, ring.buffer);
    assert.equal(new EventRingReader(again.buffer).drainInto(new Float64Array(64 * 8), 0, 64), 0);
    assert.notEqual(pool.takeRing(128, doorbell).buffer, ring.buffer, 'a ring of another size is new');
    assert.deepEqual(pool.allocated, { runs: 0, rings: 2 });
  });

  it('makes a new heap when the used one grew, and new memory for a run without the scheduler', () => {
    const pool = new RunMemoryPool();
    const used = pool.take(SPEC);
    (used.heap as unknown as { grow(bytes: number): void }).grow(2 << 20);
    pool.give(used, []);
    const again = pool.take(SPEC);
    assert.notEqual(again.heap, used.heap);
    assert.equal(again.heap.byteLength, SPEC.heapInitialBytes);
    pool.give(again, []);
    const unscheduled = pool.take({ ...SPEC, schedFlags: null });
    assert.equal(unscheduled.sched, undefined);
    assert.deepEqual(pool.allocated, { runs: 2, rings: 0 });
  });
});
