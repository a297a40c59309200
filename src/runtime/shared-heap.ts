/**
 * The run's shared heap: a free-list allocator over one growable SharedArrayBuffer that every
 * thread of a run sees. Shared objects (Value, Lock, Queue, a Pool's channels, ...) take blocks
 * from it and give them back (see object-lifetime.ts for when), so a run that makes a queue per
 * request or a pool per batch uses the memory it needs now, not the sum of everything it ever made.
 *
 * Layout. The first HEAP_HEADER_BYTES hold the allocator's own words (shared/heap-layout.ts): a
 * futex mutex, the wilderness start `top`, the byte limit, the bytes in live blocks, the peak of
 * that, and the heads of NBINS free lists. Blocks follow, 8-byte aligned:
 *   [h]        size | USED    (size in bytes, header and footer included, a multiple of 8)
 *   [h + 4]    live block: a word the allocator never reads (object-lifetime.ts keeps the
 *              object's reference count there); free block: next free block in its bin, or 0
 *   [h + 8]    live block: the payload (what alloc() returns); free block: previous free, or 0
 *   [h+size-8] footer: size | USED again, so that free() finds the block before it
 * Beyond `top` is the wilderness: never-used or given-back memory, zero up to the buffer's end.
 *
 * Invariants (free-list.test / shared-heap.test check them against a model with fast-check):
 *   - Blocks tile [HEAP_HEADER_BYTES, top) exactly: each starts where the previous one ends.
 *   - Header and footer of every block agree.
 *   - Coalesced: no two free blocks are neighbours, and the block just below `top` is never free
 *     (a freed block that touches the wilderness is given back to it).
 *   - Every free block is in exactly one bin, the bin of its size class; no live block is in any.
 *   - Live blocks never overlap; alloc() returns a zeroed payload of at least the bytes asked.
 *   - Everything is changed under the mutex only; the buffer only grows, never past the limit.
 *
 * Views: a typed array made over a growable buffer with an explicit length does not see growth
 * (a length-tracking view would, but costs 4x on every access in hot loops, measured), so after
 * the buffer grows each thread re-makes its views: `refresh()` here, heapViews() in context.ts.
 */
import { lockMutex, unlockMutex } from './futex-mutex';

import {
  HEAP_BINS as NBINS, HEAP_HEADER_BYTES, HEAP_W_BINS as W_BINS, HEAP_W_LIMIT as W_LIMIT, HEAP_W_LIVE as W_LIVE,
  HEAP_W_MUTEX as W_MUTEX, HEAP_W_PEAK as W_PEAK, HEAP_W_TOP as W_TOP, MAX_HEAP_BYTES,
} from '../shared/heap-layout';

export { HEAP_HEADER_BYTES, MAX_HEAP_BYTES, createHeapBuffer } from '../shared/heap-layout';

const USED = 1;
const BLOCK_OVERHEAD = 16;
const MIN_BLOCK = 24;
/** The heap never grows by less than this, so a run of small objects grows it a few times only. */
const GROW_STEP = 8 * 1024 * 1024;
/** Growth is rounded to whole 64 KiB, as the OS commits pages. */
const GROW_ROUND = 64 * 1024;
const pad8 = (n: number): number => (n + 7) & ~7;

/** Bytes of a block that holds `payload` bytes. */
export function blockSizeFor(payload: number): number {
  return Math.max(MIN_BLOCK, pad8(payload) + BLOCK_OVERHEAD);
}

/** Size class: floor(log2(size)), from 24-byte blocks (class 4) up. */
function binOf(size: number): number {
  return Math.min(NBINS - 1, 31 - Math.clz32(size));
}

export interface HeapStats {
  /** Bytes in live blocks, headers included. */
  liveBytes: number;
  peakLiveBytes: number;
  /** The buffer's size now (it only grows). */
  heapBytes: number;
  limitBytes: number;
  top: number;
}

/** What alloc() calls when the heap must grow: a chance to give unreachable objects back first. */
export type BeforeGrow = (heap: SharedHeap, needBytes: number) => void;

export class SharedHeap {
  private i32: Int32Array;
  private u8: Uint8Array;
  /** Called (without the mutex) before the heap grows; see gc-pressure.ts. */
  beforeGrow: BeforeGrow | null = null;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.i32 = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    this.u8 = new Uint8Array(buffer, 0, buffer.byteLength);
  }

  get limit(): number {
    return this.i32[W_LIMIT];
  }

  /**
   * A block of at least `bytes` (zeroed unless `zero` is false); returns the payload's byte offset (never 0), or -1 when
   * the heap is at its limit and nothing free fits.
   */
  alloc(bytes: number, zero = true): number {
    if (!(bytes >= 0) || bytes > MAX_HEAP_BYTES) return -1;
    const size = blockSizeFor(bytes);
    let at = this.locked(() => this.take(size, false));
    if (at === -2) {
      // The heap would have to grow: first let objects nobody can reach give their memory back.
      this.beforeGrow?.(this, size);
      at = this.locked(() => this.take(size, true));
    }
    if (at < 0) return -1;
    if (zero) this.u8.fill(0, at + 8, at + size - 8);
    return at + 8;
  }

  /** Gives a block back. `payload` must be a live block's offset from alloc(). */
  free(payload: number): void {
    this.locked(() => this.release(payload - 8));
  }

  /** The word in a live block's header that the allocator leaves to its user (Int32 index). */
  static spareWord(payload: number): number {
    return (payload - 4) >> 2;
  }

  /** Payload bytes of a live block (at least what was asked). */
  payloadBytes(payload: number): number {
    this.refresh();
    return (this.i32[(payload - 8) >> 2] & ~USED) - BLOCK_OVERHEAD;
  }

  stats(): HeapStats {
    this.refresh();
    const w = this.i32;
    return {
      liveBytes: Atomics.load(w, W_LIVE),
      peakLiveBytes: Atomics.load(w, W_PEAK),
      heapBytes: this.buffer.byteLength,
      limitBytes: w[W_LIMIT],
      top: Atomics.load(w, W_TOP),
    };
  }

  /** Every block from the bottom up, for tests and the invariant check. */
  blocks(): { at: number; size: number; used: boolean }[] {
    return this.locked(() => {
      const out: { at: number; size: number; used: boolean }[] = [];
      for (let h = HEAP_HEADER_BYTES; h < this.i32[W_TOP]; ) {
        const word = this.i32[h >> 2];
        const size = word & ~USED;
        if (size < MIN_BLOCK) throw new Error(`interleave: shared heap corrupt at ${h}`);
        out.push({ at: h, size, used: (word & USED) !== 0 });
        h += size;
      }
      return out;
    });
  }

  /** Free blocks per bin, in list order, for the invariant check. */
  freeLists(): number[][] {
    return this.locked(() => {
      const lists: number[][] = [];
      for (let bin = 0; bin < NBINS; bin++) {
        const list: number[] = [];
        for (let h = this.i32[W_BINS + bin]; h !== 0; h = this.i32[(h >> 2) + 1]) list.push(h);
        lists.push(list);
      }
      return lists;
    });
  }

  /** Re-makes the views when another thread (or this one) grew the buffer. */
  refresh(): void {
    const length = this.buffer.byteLength;
    if (length !== this.u8.byteLength) {
      this.i32 = new Int32Array(this.buffer, 0, length >> 2);
      this.u8 = new Uint8Array(this.buffer, 0, length);
    }
  }

  private locked<T>(section: () => T): T {
    // The mutex word is in the header, which every view covers; refresh after taking it, since
    // growth happens under it.
    lockMutex(this.i32, W_MUTEX);
    try {
      this.refresh();
      return section();
    } finally {
      unlockMutex(this.i32, W_MUTEX);
    }
  }

  /** Block offset of a fitting block, or -1 at the limit, or -2 when only growing would do. */
  private take(size: number, mayGrow: boolean): number {
    const found = this.fromBins(size);
    if (found > 0) return this.use(found, size);
    const w = this.i32;
    const top = w[W_TOP];
    const end = top + size;
    if (end > this.buffer.byteLength) {
      if (!mayGrow) return -2;
      if (end > w[W_LIMIT]) return -1;
      const wanted = Math.max(end, this.buffer.byteLength + Math.max(GROW_STEP, this.buffer.byteLength >> 1));
      this.buffer.grow(Math.min(w[W_LIMIT], Math.ceil(wanted / GROW_ROUND) * GROW_ROUND));
      this.refresh();
    }
    this.setBlock(top, size, true);
    Atomics.store(this.i32, W_TOP, end);
    this.countLive(size);
    return top;
  }

  /** First fit in the size's own bin, else the head of any larger bin (which always fits). */
  private fromBins(size: number): number {
    const w = this.i32;
    const first = binOf(size);
    for (let h = w[W_BINS + first]; h !== 0; h = w[(h >> 2) + 1]) {
      if ((w[h >> 2] & ~USED) >= size) return h;
    }
    for (let bin = first + 1; bin < NBINS; bin++) {
      const h = w[W_BINS + bin];
      if (h !== 0) return h;
    }
    return 0;
  }

  /** Takes free block `h` for a block of `size`, splitting off the rest when it can stand alone. */
  private use(h: number, size: number): number {
    const have = this.i32[h >> 2] & ~USED;
    this.unlink(h);
    if (have - size >= MIN_BLOCK) {
      this.setBlock(h, size, true);
      this.setBlock(h + size, have - size, false);
      this.link(h + size);
    } else {
      size = have;
      this.setBlock(h, size, true);
    }
    this.countLive(size);
    return h;
  }

  private release(h: number): void {
    const w = this.i32;
    const word = w[h >> 2];
    let size = word & ~USED;
    if ((word & USED) === 0 || size < MIN_BLOCK || (w[(h + size - 8) >> 2] & ~USED) !== size) {
      throw new Error(`interleave: shared heap: free of ${h + 8}, which is not a live block`);
    }
    Atomics.sub(w, W_LIVE, size);
    let start = h;
    if (start > HEAP_HEADER_BYTES) {
      const before = w[(start - 8) >> 2];
      if ((before & USED) === 0) {
        start -= before;
        size += before;
        this.unlink(start);
      }
    }
    const after = start + size;
    const top = w[W_TOP];
    if (after < top && (w[after >> 2] & USED) === 0) {
      const next = w[after >> 2];
      this.unlink(after);
      size += next;
    }
    if (start + size === top) {
      // Back to the wilderness, zeroed so that the wilderness stays zero.
      this.u8.fill(0, start, top);
      Atomics.store(w, W_TOP, start);
      return;
    }
    this.setBlock(start, size, false);
    this.link(start);
  }

  private setBlock(h: number, size: number, used: boolean): void {
    const tag = size | (used ? USED : 0);
    this.i32[h >> 2] = tag;
    this.i32[(h + size - 8) >> 2] = tag;
    this.i32[(h >> 2) + 1] = 0;
  }

  private link(h: number): void {
    const w = this.i32;
    const bin = W_BINS + binOf(w[h >> 2] & ~USED);
    const head = w[bin];
    w[(h >> 2) + 1] = head;
    w[(h >> 2) + 2] = 0;
    if (head !== 0) w[(head >> 2) + 2] = h;
    w[bin] = h;
  }

  private unlink(h: number): void {
    const w = this.i32;
    const next = w[(h >> 2) + 1];
    const prev = w[(h >> 2) + 2];
    if (prev !== 0) w[(prev >> 2) + 1] = next;
    else w[W_BINS + binOf(w[h >> 2] & ~USED)] = next;
    if (next !== 0) w[(next >> 2) + 2] = prev;
    w[(h >> 2) + 1] = 0;
    w[(h >> 2) + 2] = 0;
  }

  private countLive(size: number): void {
    const live = Atomics.add(this.i32, W_LIVE, size) + size;
    if (live > this.i32[W_PEAK]) Atomics.store(this.i32, W_PEAK, live);
  }
}
