/**
 * The layout of the run's shared heap that both sides know: the supervisor makes the buffer and
 * reads its size for the trace; the runtime's allocator (runtime/shared-heap.ts, where the block
 * format and the invariants are written) manages everything past the header.
 *
 * Header words (Int32): [0] the allocator's futex mutex, [1] top (start of the wilderness, bytes),
 * [2] limit (bytes), [3] bytes in live blocks, [4] peak of [3], [16 .. 16 + HEAP_BINS) free-list
 * heads, one per size class.
 */
export const HEAP_W_MUTEX = 0;
export const HEAP_W_TOP = 1;
export const HEAP_W_LIMIT = 2;
export const HEAP_W_LIVE = 3;
export const HEAP_W_PEAK = 4;
export const HEAP_W_BINS = 16;
export const HEAP_BINS = 28;
export const HEAP_HEADER_BYTES = 256;
/** Largest heap: byte offsets must stay positive Int32 (objects keep `offset >> 2`). */
export const MAX_HEAP_BYTES = 2047 * 1024 * 1024;
/** The smallest limit that leaves room for anything (one 64 KiB step). */
const MIN_HEAP_BYTES = HEAP_HEADER_BYTES + 64 * 1024;

/** Makes the growable buffer a run's heap lives in: `initialBytes` now, growing up to `limitBytes`. */
export function createHeapBuffer(initialBytes: number, limitBytes: number): SharedArrayBuffer {
  const { initial, limit } = heapSizes(initialBytes, limitBytes);
  const buffer = new SharedArrayBuffer(initial, { maxByteLength: limit });
  startHeap(buffer, limit);
  return buffer;
}

/**
 * Makes a used heap buffer as createHeapBuffer(initialBytes, limitBytes) makes a new one, and says
 * so; false (the buffer is left alone) when it has grown past that size or has another limit.
 * Only [0, top) is cleared: the allocator writes nothing past top (shared-heap.ts).
 */
export function resetHeapBuffer(buffer: SharedArrayBuffer, initialBytes: number, limitBytes: number): boolean {
  const { initial, limit } = heapSizes(initialBytes, limitBytes);
  const words = new Int32Array(buffer, 0, HEAP_HEADER_BYTES / 4);
  if (buffer.byteLength !== initial || words[HEAP_W_LIMIT] !== limit) return false;
  const top = words[HEAP_W_TOP]!;
  new Uint8Array(buffer, 0, Math.min(buffer.byteLength, Math.max(top, HEAP_HEADER_BYTES))).fill(0);
  startHeap(buffer, limit);
  return true;
}

/** The sizes a heap asked for as (initialBytes, limitBytes) really has: the limit clamped and 8-aligned. */
function heapSizes(initialBytes: number, limitBytes: number): { initial: number; limit: number } {
  const limit = Math.min(MAX_HEAP_BYTES, Math.max(limitBytes, MIN_HEAP_BYTES)) & ~7;
  return { initial: Math.min(limit, Math.max(HEAP_HEADER_BYTES, initialBytes)), limit };
}

function startHeap(buffer: SharedArrayBuffer, limit: number): void {
  const words = new Int32Array(buffer, 0, HEAP_HEADER_BYTES / 4);
  words[HEAP_W_TOP] = HEAP_HEADER_BYTES;
  words[HEAP_W_LIMIT] = limit;
}
