/**
 * A multi-producer, multi-consumer queue of byte frames in the run's shared heap: what Queue and
 * Pool carry their (serialized) items over.
 *
 * A small futex mutex guards the indices; data moves with one memcpy in and one out. Blocking
 * callers sleep on version words (PUT_VERSION moves on every put, GET_VERSION on every get), so a
 * put wakes getters and a get wakes putters without a thundering herd on the mutex.
 *
 * The channel is two heap blocks: a 64-byte header (the words below, at `offset`) and a data area
 * (at DATA, CAPACITY bytes) that starts small and grows with what the channel carries, doubling,
 * up to CAP_LIMIT (the user's `capacityBytes`, or 0 for "as far as the shared heap goes"). A put
 * that finds no room grows the area under the mutex: it copies the frames in order to a new block
 * and frees the old one. A get that empties a large area swaps it back for a small one, so one big
 * item does not keep its memory for the channel's life.
 *
 * Frames: [u32 payload length, i32 sequence, i32 producer pid, u32 unused] + payload padded to 8;
 * a length of WRAP means "continue at the start of the area".
 * Invariants: 0 <= USED <= CAPACITY <= CAP_LIMIT (when set); COUNT frames lie in
 * [READ_POS, WRITE_POS) modulo CAPACITY; DATA and CAPACITY change only under the mutex, so a
 * thread reads them there and re-makes its views when the area lies past them.
 */
import { deadlineOf, waitClockNow, waitWhileEqual } from './blocking';
import { allocShared, freeShared, heapViews, rt } from './context';
import { lockMutex, unlockMutex } from './futex-mutex';

const MUTEX = 0;
const COUNT = 1;
const PUT_SEQ = 2;
const READ_POS = 4;
const WRITE_POS = 5;
const USED = 6;
const CAPACITY = 7;
const PUT_VERSION = 8;
const GET_VERSION = 9;
const MAXSIZE = 10;
const DATA = 11;
const CAP_LIMIT = 12;
export const CHANNEL_HEADER_BYTES = 64;
const FRAME_HEADER = 16;
const WRAP = 0xffffffff;
/** A new channel's data area: enough for a few small items; it grows from there. */
const INITIAL_CAPACITY = 1024;
/** An emptied area larger than this goes back to the heap (replaced by a small one). */
const SHRINK_ABOVE = 1024 * 1024;

export interface Frame {
  bytes: Uint8Array;
  seq: number;
  producer: number;
}

export type ChannelWait = 'ok' | 'timeout';

const pad8 = (n: number): number => (n + 7) & ~7;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export class Channel {
  readonly offset: number;
  private readonly base: number;
  private words!: Int32Array;
  private bytes!: Uint8Array;
  private view!: DataView;
  /** What the channel is called in errors (set by its owner, e.g. `Queue "jobs"`). */
  label = 'a queue';

  /**
   * Allocates a new channel holding at most `maxsize` items (0 = no limit) and at most
   * `capacityBytes` of them in flight (undefined = grow as far as the shared heap goes).
   */
  static create(capacityBytes: number | undefined, maxsize: number, what = 'a Queue'): Channel {
    const limit = capacityBytes === undefined ? 0 : pad8(Math.max(INITIAL_CAPACITY, capacityBytes));
    const offset = allocShared(CHANNEL_HEADER_BYTES, what);
    const capacity = limit === 0 ? INITIAL_CAPACITY : Math.min(limit, INITIAL_CAPACITY);
    let data: number;
    try {
      data = allocShared(capacity, what);
    } catch (error) {
      freeShared(offset);
      throw error;
    }
    const words = rt().heapI32;
    const b = offset >> 2;
    words[b + CAPACITY] = capacity;
    words[b + MAXSIZE] = maxsize;
    words[b + DATA] = data;
    words[b + CAP_LIMIT] = limit;
    return new Channel(offset);
  }

  /** Frees a channel's memory (header and data). Its owner guarantees nobody uses it any more. */
  static freeAt(offset: number): void {
    const words = heapViews().heapI32;
    const data = words[(offset >> 2) + DATA];
    if (data !== 0) freeShared(data);
    freeShared(offset);
  }

  constructor(offset: number) {
    this.offset = offset;
    this.base = offset >> 2;
    this.refreshViews();
  }

  private refreshViews(): void {
    const r = heapViews();
    this.words = r.heapI32;
    this.bytes = r.heapU8;
    this.view = new DataView(r.boot.memory.heap, 0, r.heapU8.byteLength);
  }

  /** Bytes of the data area now (it grows and shrinks). */
  get capacity(): number {
    return Atomics.load(this.words, this.base + CAPACITY);
  }

  get maxsize(): number {
    return this.words[this.base + MAXSIZE];
  }

  size(): number {
    return Atomics.load(this.words, this.base + COUNT);
  }

  /** Bytes a frame of `payload` bytes takes, with its header. */
  static frameBytes(payload: number): number {
    return FRAME_HEADER + pad8(payload);
  }

  /**
   * Appends a frame. Returns its sequence number, or -1 when full and `deadline` passed
   * (Date.now() time; Date.now() or less = do not wait). `onBlock` is called once before waiting;
   * `onPublish` just before the frame becomes visible to getters.
   */
  put(payload: Uint8Array, producer: number, deadline: number, onBlock?: () => void, onPublish?: () => void): number {
    const need = Channel.frameBytes(payload.byteLength);
    const limit = this.words[this.base + CAP_LIMIT];
    if (limit > 0 && need + FRAME_HEADER > limit) {
      const room = pad8(need + FRAME_HEADER);
      throw new RangeError(
        `interleave: a queue item of ${payload.byteLength} bytes (${mib(payload.byteLength)}, serialized) does not fit ` +
          `this queue's ${limit} bytes (${mib(limit)}): pass { capacityBytes: ${room} } or more ` +
          'as the Queue\'s options for items this large, or leave capacityBytes out to let the queue grow',
      );
    }
    let blocked = false;
    for (;;) {
      const version = Atomics.load(this.words, this.base + GET_VERSION);
      lockMutex(this.words, this.base + MUTEX);
      let seq: number;
      try {
        seq = this.tryAppend(payload, need, producer);
        // Still under the mutex, so before any getter can take the item: a put stamped here is
        // never later than the get that receives it.
        if (seq >= 0) onPublish?.();
      } catch (error) {
        // The shared heap is full: the stack should start at the user's put, which is where a
        // finding points, not in the channel's growth.
        if (error instanceof RangeError) Error.captureStackTrace(error, Channel.prototype.put);
        throw error;
      } finally {
        unlockMutex(this.words, this.base + MUTEX);
      }
      if (seq >= 0) {
        Atomics.add(this.words, this.base + PUT_VERSION, 1);
        Atomics.notify(this.words, this.base + PUT_VERSION);
        return seq;
      }
      if (waitClockNow() >= deadline) return -1;
      if (!blocked) { blocked = true; onBlock?.(); }
      waitWhileEqual(this.words, this.base + GET_VERSION, version, deadline);
    }
  }

  /** Takes the oldest frame, or null when empty and `deadline` passed. */
  get(deadline: number, onBlock?: () => void): Frame | null {
    let blocked = false;
    for (;;) {
      const version = Atomics.load(this.words, this.base + PUT_VERSION);
      lockMutex(this.words, this.base + MUTEX);
      let frame: Frame | null;
      try {
        frame = this.tryTake();
      } finally {
        unlockMutex(this.words, this.base + MUTEX);
      }
      if (frame) {
        Atomics.add(this.words, this.base + GET_VERSION, 1);
        Atomics.notify(this.words, this.base + GET_VERSION);
        return frame;
      }
      if (waitClockNow() >= deadline) return null;
      if (!blocked) { blocked = true; onBlock?.(); }
      waitWhileEqual(this.words, this.base + PUT_VERSION, version, deadline);
    }
  }

  /** The word getters sleep on, for Atomics.waitAsync in an async consumer. */
  putVersionWord(): { words: Int32Array; index: number } {
    return { words: this.words, index: this.base + PUT_VERSION };
  }

  private tryAppend(payload: Uint8Array, need: number, producer: number): number {
    const w = this.words;
    const b = this.base;
    const maxsize = w[b + MAXSIZE];
    if (maxsize > 0 && w[b + COUNT] >= maxsize) return -1;
    if (w[b + USED] === 0) {
      // Empty: start over at the front, so a large frame never has to fit in a tail.
      w[b + WRITE_POS] = 0;
      w[b + READ_POS] = 0;
    }
    if (!this.fits(need) && !this.grow(need)) return -1;
    const capacity = w[b + CAPACITY];
    const dataStart = this.dataStart();
    let writePos = w[b + WRITE_POS];
    let used = w[b + USED];
    const tailRoom = capacity - writePos;
    if (tailRoom < need) {
      // The frame cannot wrap: skip the tail.
      if (tailRoom >= FRAME_HEADER) this.view.setUint32(dataStart + writePos, WRAP, true);
      used += tailRoom;
      writePos = 0;
    }
    const seq = w[b + PUT_SEQ] + 1;
    const at = dataStart + writePos;
    this.view.setUint32(at, payload.byteLength, true);
    this.view.setInt32(at + 4, seq, true);
    this.view.setInt32(at + 8, producer, true);
    this.bytes.set(payload, at + FRAME_HEADER);
    w[b + PUT_SEQ] = seq;
    w[b + WRITE_POS] = (writePos + need) % capacity;
    w[b + USED] = used + need;
    w[b + COUNT] += 1;
    return seq;
  }

  /** Whether a frame of `need` bytes fits now (counting a tail it would have to skip). */
  private fits(need: number): boolean {
    const w = this.words;
    const b = this.base;
    const capacity = w[b + CAPACITY];
    const tailRoom = capacity - w[b + WRITE_POS];
    const waste = tailRoom < need ? tailRoom : 0;
    return capacity - w[b + USED] >= need + waste;
  }

  /**
   * Moves the frames to a larger area with room for `need` more bytes; false when the channel's
   * own limit (capacityBytes) forbids it, so the put waits for a get as before. At the shared
   * heap's limit allocShared throws, naming the channel.
   */
  private grow(need: number): boolean {
    const w = this.words;
    const b = this.base;
    const capacity = w[b + CAPACITY];
    const limit = w[b + CAP_LIMIT];
    // The frames, laid end to end, plus the new one; no tail is wasted in a fresh area.
    const content = this.contentBytes();
    let wanted = Math.max(capacity * 2, pad8(content + need + FRAME_HEADER));
    if (limit > 0) {
      if (capacity >= limit || content + need > limit) return false;
      wanted = Math.min(wanted, limit);
    }
    // Not zeroed: frames are written before they are read.
    const data = allocShared(wanted, `${this.label} (growing for an item of ${need - FRAME_HEADER} bytes)`, false);
    this.refreshViews();
    this.moveFrames(data, wanted);
    return true;
  }

  /** Bytes of the frames in the area, without any skipped tail. */
  private contentBytes(): number {
    let total = 0;
    this.forEachFrame((_at, size) => { total += size; });
    return total;
  }

  /** Calls `visit` with each frame's byte offset and size, oldest first. */
  private forEachFrame(visit: (at: number, size: number) => void): void {
    const w = this.words;
    const b = this.base;
    const capacity = w[b + CAPACITY];
    const dataStart = this.dataStart();
    let pos = w[b + READ_POS];
    for (let i = w[b + COUNT]; i > 0; i--) {
      if (capacity - pos < FRAME_HEADER || this.view.getUint32(dataStart + pos, true) === WRAP) pos = 0;
      const size = Channel.frameBytes(this.view.getUint32(dataStart + pos, true));
      visit(dataStart + pos, size);
      pos = (pos + size) % capacity;
    }
  }

  /** Copies the frames, in order, to the front of the area at `data`, which becomes the channel's. */
  private moveFrames(data: number, capacity: number): void {
    const w = this.words;
    const b = this.base;
    let to = data;
    this.forEachFrame((at, size) => {
      this.bytes.copyWithin(to, at, at + size);
      to += size;
    });
    const old = w[b + DATA];
    const content = to - data;
    w[b + DATA] = data;
    w[b + CAPACITY] = capacity;
    w[b + READ_POS] = 0;
    w[b + WRITE_POS] = content % capacity;
    w[b + USED] = content;
    freeShared(old);
  }

  private dataStart(): number {
    const data = this.words[this.base + DATA];
    if (data + this.words[this.base + CAPACITY] > this.bytes.byteLength) this.refreshViews();
    return data;
  }

  private tryTake(): Frame | null {
    const w = this.words;
    const b = this.base;
    if (w[b + COUNT] === 0) return null;
    const capacity = w[b + CAPACITY];
    const dataStart = this.dataStart();
    let readPos = w[b + READ_POS];
    let used = w[b + USED];
    const tailRoom = capacity - readPos;
    if (tailRoom < FRAME_HEADER || this.view.getUint32(dataStart + readPos, true) === WRAP) {
      used -= tailRoom;
      readPos = 0;
    }
    const at = dataStart + readPos;
    const length = this.view.getUint32(at, true);
    const seq = this.view.getInt32(at + 4, true);
    const producer = this.view.getInt32(at + 8, true);
    const bytes = this.bytes.slice(at + FRAME_HEADER, at + FRAME_HEADER + length);
    const size = Channel.frameBytes(length);
    w[b + READ_POS] = (readPos + size) % capacity;
    w[b + USED] = used - size;
    w[b + COUNT] -= 1;
    if (w[b + COUNT] === 0 && capacity > SHRINK_ABOVE) this.shrink();
    return { bytes, seq, producer };
  }

  /** Swaps an emptied large area for a small one (the large one goes back to the heap first, so
   *  the small one always fits). */
  private shrink(): void {
    const w = this.words;
    const b = this.base;
    freeShared(w[b + DATA]);
    w[b + DATA] = 0;
    const limit = w[b + CAP_LIMIT];
    const capacity = limit === 0 ? INITIAL_CAPACITY : Math.min(limit, INITIAL_CAPACITY);
    w[b + DATA] = allocShared(capacity, this.label);
    w[b + CAPACITY] = capacity;
    w[b + READ_POS] = 0;
    w[b + WRITE_POS] = 0;
    w[b + USED] = 0;
    this.refreshViews();
  }
}

export { deadlineOf };
