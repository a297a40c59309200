/**
 * The shared heap's allocator against a simple model (fast-check), and under four threads at once.
 * The model is a map of live blocks to the bytes asked for; after every step the heap's blocks are
 * walked and its invariants (shared-heap.ts, top of file) checked against it.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { HEAP_HEADER_BYTES, SharedHeap, blockSizeFor, createHeapBuffer } from '../../../src/runtime/shared-heap';

type Step = { op: 'alloc'; bytes: number } | { op: 'free'; pick: number } | { op: 'refill' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('alloc' as const), bytes: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 70_000 })) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'refill' as const }) },
);

/** Checks every invariant of the top-of-file list; `live` maps payload offsets to bytes asked. */
function checkInvariants(heap: SharedHeap, live: Map<number, number>): void {
  const blocks = heap.blocks();
  const top = heap.stats().top;
  let expect = HEAP_HEADER_BYTES;
  for (const b of blocks) {
    assert.equal(b.at, expect, 'blocks tile the heap');
    expect += b.size;
  }
  assert.equal(expect, top, 'the last block ends at top');
  for (let i = 1; i < blocks.length; i++) assert.ok(blocks[i - 1]!.used || blocks[i]!.used, `free neighbours at ${blocks[i]!.at}: not coalesced`);
  if (blocks.length > 0) assert.ok(blocks[blocks.length - 1]!.used, 'the block below top is live');
  const used = blocks.filter((b) => b.used).map((b) => b.at + 8);
  assert.deepEqual(used.sort((a, b) => a - b), [...live.keys()].sort((a, b) => a - b), 'live blocks are exactly the model\'s');
  for (const [at, bytes] of live) assert.ok(heap.payloadBytes(at) >= bytes, 'a block holds what was asked');
  const listed = heap.freeLists().flatMap((list, bin) => list.map((at) => ({ at, bin })));
  const free = blocks.filter((b) => !b.used);
  assert.deepEqual(listed.map((l) => l.at).sort((a, b) => a - b), free.map((b) => b.at), 'every free block is in one bin, once');
  for (const { at, bin } of listed) {
    const size = free.find((b) => b.at === at)!.size;
    assert.equal(bin, Math.min(27, 31 - Math.clz32(size)), 'a free block sits in its size class');
  }
  const liveBytes = blocks.filter((b) => b.used).reduce((n, b) => n + b.size, 0);
  assert.equal(heap.stats().liveBytes, liveBytes);
}

describe('SharedHeap (the run\'s shared-memory allocator)', () => {
  it('keeps its invariants against a model: no overlap, contents intact, coalesced, every freed byte reusable', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const heap = new SharedHeap(createHeapBuffer(4096, 64 * 1024 * 1024));
        const live = new Map<number, number>();
        const stamp = new Map<number, number>();
        const bytes = (): Uint8Array => new Uint8Array(heap.buffer);
        let n = 0;
        for (const s of steps) {
          if (s.op === 'alloc') {
            const at = heap.alloc(s.bytes);
            assert.ok(at > 0);
            assert.ok(bytes().subarray(at, at + s.bytes).every((b) => b === 0), 'a new block is zeroed');
            const mark = (++n % 250) + 1;
            bytes().fill(mark, at, at + s.bytes);
            live.set(at, s.bytes);
            stamp.set(at, mark);
          } else if (s.op === 'free' && live.size > 0) {
            const at = [...live.keys()][s.pick % live.size]!;
            const view = bytes();
            assert.ok(view.subarray(at, at + live.get(at)!).every((b) => b === stamp.get(at)), 'no other block wrote over this one');
            heap.free(at);
            live.delete(at);
          } else if (s.op === 'refill') {
            // Every freed byte is reusable: the largest free block is handed out whole, in place,
            // without the heap growing.
            const free = heap.blocks().filter((b) => !b.used);
            if (free.length === 0) continue;
            const largest = free.reduce((a, b) => (b.size > a.size ? b : a));
            const before = heap.buffer.byteLength;
            const at = heap.alloc(largest.size - 16);
            assert.equal(at, largest.at + 8, 'the free block was reused');
            assert.equal(heap.buffer.byteLength, before, 'without growing');
            live.set(at, largest.size - 16);
            stamp.set(at, 0);
          }
          checkInvariants(heap, live);
        }
        for (const at of [...live.keys()]) heap.free(at);
        checkInvariants(heap, new Map());
        assert.equal(heap.stats().top, HEAP_HEADER_BYTES, 'with everything freed, all of it is back in the wilderness');
      }),
      { numRuns: 300 },
    );
  });

  it('grows on demand up to its limit, and then says no (-1) instead of overrunning', () => {
    const heap = new SharedHeap(createHeapBuffer(4096, 32 * 1024 * 1024));
    assert.equal(heap.buffer.byteLength, 4096);
    const big = heap.alloc(20 * 1024 * 1024);
    assert.ok(big > 0 && heap.buffer.byteLength >= 20 * 1024 * 1024);
    new Uint8Array(heap.buffer).fill(9, big, big + 20 * 1024 * 1024);
    assert.equal(heap.alloc(20 * 1024 * 1024), -1, 'past the limit');
    heap.free(big);
    const again = heap.alloc(20 * 1024 * 1024);
    assert.equal(again, big, 'freed memory is what the next request gets');
    assert.ok(new Uint8Array(heap.buffer, again, 20 * 1024 * 1024).every((b) => b === 0), 'zeroed again');
  });

  it('asks beforeGrow to give memory back before it grows, and uses what came back', () => {
    const heap = new SharedHeap(createHeapBuffer(1024 * 1024, 64 * 1024 * 1024));
    const held = heap.alloc(900 * 1024);
    let asked = 0;
    heap.beforeGrow = () => { asked++; heap.free(held); };
    const at = heap.alloc(900 * 1024);
    assert.equal(asked, 1);
    assert.equal(at, held);
    assert.equal(heap.buffer.byteLength, 1024 * 1024, 'no growth was needed');
  });

  it('refuses to free what is not a live block', () => {
    const heap = new SharedHeap(createHeapBuffer(4096, 1024 * 1024));
    const a = heap.alloc(64);
    heap.alloc(64);
    heap.free(a);
    assert.throws(() => heap.free(a), /not a live block/);
  });

  it('stays consistent with four threads allocating, writing and freeing at once', async function () {
    this.timeout(60_000);
    const buffer = createHeapBuffer(64 * 1024, 256 * 1024 * 1024);
    const source = resolve(__dirname, '../../../src/runtime/shared-heap.ts');
    const code = `
      require('sucrase/register/ts');
      const { workerData, parentPort } = require('node:worker_threads');
      const { SharedHeap } = require(workerData.source);
      const heap = new SharedHeap(workerData.buffer);
      const mine = [];
      let seed = workerData.id * 7919 + 1, bad = 0;
      const rand = (n) => { seed = (seed * 48271) % 2147483647; return seed % n; };
      for (let i = 0; i < 20000; i++) {
        if (mine.length > 0 && (rand(2) === 0 || mine.length > 200)) {
          const [at, len] = mine.splice(rand(mine.length), 1)[0];
          const view = new Uint8Array(workerData.buffer, at, len);
          for (let k = 0; k < len; k++) if (view[k] !== workerData.id) { bad++; break; }
          heap.free(at);
        } else {
          const len = rand(8) === 0 ? rand(300000) : rand(300);
          const at = heap.alloc(len);
          if (at <= 0) { bad++; continue; }
          new Uint8Array(workerData.buffer, at, len).fill(workerData.id);
          mine.push([at, len]);
        }
      }
      for (const [at] of mine) heap.free(at);
      parentPort.postMessage(bad);`;
    const results = await Promise.all(
      [1, 2, 3, 4].map(
        (id) =>
          new Promise<number>((done, fail) => {
            const worker = new Worker(code, { eval: true, workerData: { buffer, source, id } });
            worker.once('message', (bad: number) => { done(bad); void worker.terminate(); });
            worker.once('error', fail);
          }),
      ),
    );
    assert.deepEqual(results, [0, 0, 0, 0], 'no thread saw another write into its blocks');
    const heap = new SharedHeap(buffer);
    checkInvariants(heap, new Map());
    assert.equal(heap.stats().top, HEAP_HEADER_BYTES);
    assert.equal(heap.stats().liveBytes, 0);
    assert.ok(blockSizeFor(0) >= 24);
  });
});
