/**
 * A multi-producer, multi-consumer queue of byte frames in the run's shared heap: what Queue and
 * Pool carry their (serialized) items over.
 *
 * A small futex mutex guards the indices; data moves with one memcpy in and one out. Blocking
 * callers sleep on version words (PUT_VERSION moves on every put, GET_VERSION on every get), so a
 * put wakes getters and a get wakes putters without a thundering herd on the mutex.
 *
 * Words at `base` (Int32): see the constants. The byte area follows at offset + HEADER_BYTES.
 * Frames: [u32 payload length, i32 sequence, i32 producer pid, u32 unused] + payload padded to 8;
 * a length of WRAP means "continue at the start of the area".
 * Invariants: 0 <= USED <= CAPACITY; COUNT frames lie in [READ_POS, WRITE_POS) modulo CAPACITY.
 */
import { deadlineOf, waitClockNow, waitWhileEqual } from './blocking';
import { allocShared, rt } from './context';
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
export const CHANNEL_HEADER_BYTES = 64;
const FRAME_HEADER = 16;
const WRAP = 0xffffffff;

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
  private readonly words: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly dataStart: number;
  readonly capacity: number;

  /** Allocates a new channel of `capacityBytes` (a multiple of 8) holding at most `maxsize` items (0 = no limit). */
  static create(capacityBytes: number, maxsize: number): Channel {
    const capacity = pad8(Math.max(1024, capacityBytes));
    const offset = allocShared(CHANNEL_HEADER_BYTES + capacity);
    const words = rt().heapI32;
    words[(offset >> 2) + CAPACITY] = capacity;
    words[(offset >> 2) + MAXSIZE] = maxsize;
    return new Channel(offset);
  }

  constructor(offset: number) {
    const r = rt();
    this.offset = offset;
    this.base = offset >> 2;
    this.words = r.heapI32;
    this.bytes = r.heapU8;
    this.view = new DataView(r.boot.memory.heap);
    this.dataStart = offset + CHANNEL_HEADER_BYTES;
    this.capacity = this.words[this.base + CAPACITY];
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
    if (need + FRAME_HEADER > this.capacity) {
      const room = pad8(need + FRAME_HEADER);
      throw new RangeError(
        `interleave: a queue item of ${payload.byteLength} bytes (${mib(payload.byteLength)}, serialized) does not fit ` +
          `this queue's ${this.capacity} bytes (${mib(this.capacity)}): pass { capacityBytes: ${room} } or more ` +
          'as the Queue\'s options for items this large',
      );
    }
    let blocked = false;
    for (;;) {
      const version = Atomics.load(this.words, this.base + GET_VERSION);
      lockMutex(this.words, this.base + MUTEX);
      const seq = this.tryAppend(payload, need, producer);
      // Still under the mutex, so before any getter can take the item: a put stamped here is
      // never later than the get that receives it.
      if (seq >= 0) onPublish?.();
      unlockMutex(this.words, this.base + MUTEX);
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
      const frame = this.tryTake();
      unlockMutex(this.words, this.base + MUTEX);
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
    let writePos = w[b + WRITE_POS];
    let used = w[b + USED];
    if (used === 0) {
      // Empty: start over at the front, so a large frame never has to fit in a tail.
      writePos = 0;
      w[b + READ_POS] = 0;
    }
    const tailRoom = this.capacity - writePos;
    let waste = 0;
    if (tailRoom < need) waste = tailRoom; // the frame cannot wrap: skip the tail
    if (this.capacity - used < need + waste) return -1;
    if (waste > 0) {
      if (tailRoom >= FRAME_HEADER) this.view.setUint32(this.dataStart + writePos, WRAP, true);
      used += waste;
      writePos = 0;
    }
    const seq = w[b + PUT_SEQ] + 1;
    const at = this.dataStart + writePos;
    this.view.setUint32(at, payload.byteLength, true);
    this.view.setInt32(at + 4, seq, true);
    this.view.setInt32(at + 8, producer, true);
    this.bytes.set(payload, at + FRAME_HEADER);
    w[b + PUT_SEQ] = seq;
    w[b + WRITE_POS] = (writePos + need) % this.capacity;
    w[b + USED] = used + need;
    w[b + COUNT] += 1;
    return seq;
  }

  private tryTake(): Frame | null {
    const w = this.words;
    const b = this.base;
    if (w[b + COUNT] === 0) return null;
    let readPos = w[b + READ_POS];
    let used = w[b + USED];
    const tailRoom = this.capacity - readPos;
    if (tailRoom < FRAME_HEADER || this.view.getUint32(this.dataStart + readPos, true) === WRAP) {
      used -= tailRoom;
      readPos = 0;
    }
    const at = this.dataStart + readPos;
    const length = this.view.getUint32(at, true);
    const seq = this.view.getInt32(at + 4, true);
    const producer = this.view.getInt32(at + 8, true);
    const bytes = this.bytes.slice(at + FRAME_HEADER, at + FRAME_HEADER + length);
    const size = Channel.frameBytes(length);
    w[b + READ_POS] = (readPos + size) % this.capacity;
    w[b + USED] = used - size;
    w[b + COUNT] -= 1;
    return { bytes, seq, producer };
  }
}

export { deadlineOf };
