/**
 * Queue, as in Python's multiprocessing.Queue: FIFO, any structured-cloneable item, shared objects
 * inside items keep their identity. Items are serialized with the V8 serializer (the structured
 * clone algorithm) into a Channel in shared memory.
 */
import { deserialize, serialize } from 'node:v8';
import { BlockReason, EventKind, ObjectKind } from '../shared/events';
import { deadlineOf, enterBlocked, leaveBlocked, blockingTimeout } from './blocking';
import { now } from './clock';
import { registerObject, rt } from './context';
import { Channel } from './channel';
import { fromWire, toWire } from './handles';
import type { Dispose } from './object-lifetime';
import { SharedObject, registerSharedClass, type ObjectFields } from './shared-object';
import { PointOp } from '../shared/sched-table';
import { schedPoint } from './sched-point';

/** Raised by get() on an empty queue (non-blocking, or after the timeout). */
export class Empty extends Error {
  override name = 'Empty';
  constructor(message = 'interleave: the queue is empty') {
    super(message);
  }
}

/** Raised by put() on a full queue (non-blocking, or after the timeout). */
export class Full extends Error {
  override name = 'Full';
  constructor(message = 'interleave: the queue is full') {
    super(message);
  }
}

export interface QueueOptions {
  name?: string;
  /**
   * At most this many bytes of (serialized) items in flight; a put waits while they would not fit.
   * Default: none; the queue's buffer grows with what it carries, up to the shared heap's limit.
   */
  capacityBytes?: number;
}

export class Queue<T = unknown> extends SharedObject {
  declare private channel: Channel;
  /** close() is per worker, as in Python: later puts from this worker throw. */
  declare private closed: boolean;

  constructor(maxsize = 0, options: QueueOptions = {}) {
    super();
    if (!Number.isInteger(maxsize)) throw new TypeError('interleave: Queue maxsize must be an integer');
    const channel = Channel.create(options.capacityBytes, Math.max(0, maxsize), options.name === undefined ? 'a Queue' : `Queue "${options.name}"`);
    const id = registerObject(ObjectKind.QUEUE, 'Queue', options.name, Math.max(0, maxsize));
    this.attach({ id, offset: channel.offset });
    if (options.name !== undefined) this.channel.label = `Queue "${options.name}"`;
  }

  protected override get dispose(): Dispose {
    return Channel.freeAt;
  }

  protected override attach(fields: ObjectFields): void {
    super.attach(fields);
    const self = this as unknown as { channel: Channel; closed: boolean };
    self.channel = new Channel(fields.offset);
    self.channel.label = typeof fields.label === 'string' ? fields.label : `Queue-${fields.id}`;
    self.closed = false;
  }

  protected get handleKind(): string {
    return 'Queue';
  }

  protected override handleFields(): ObjectFields {
    return { ...super.handleFields(), label: this.channel.label };
  }

  /** Puts an item; blocks while the queue is full (unless block is false). Throws Full. */
  put(item: T, block = true, timeoutMs?: number): void {
    schedPoint(PointOp.SYNC, this.id);
    if (this.closed) throw new Error('interleave: Queue is closed');
    const loc = this.loc();
    const payload = serialize(toWire(item));
    const timeout = blockingTimeout(block, timeoutMs);
    let blocked = false;
    let seq = -1;
    let publishedAt = 0;
    try {
      seq = this.channel.put(
        payload,
        rt().boot.pid,
        timeout > 0 ? deadlineOf(timeout) : 0,
        () => {
          blocked = true;
          enterBlocked(this.id, BlockReason.QUEUE_PUT, timeout, loc);
        },
        () => { publishedAt = now(); },
      );
      // Recorded before UNBLOCK, so this thread's events stay in time order.
      if (seq >= 0) this.recorder.recordAt(publishedAt, EventKind.QUEUE_PUT, this.id, seq, payload.byteLength, 0, loc);
    } finally {
      if (blocked) leaveBlocked(this.id, BlockReason.QUEUE_PUT, seq >= 0);
    }
    if (seq < 0) throw new Full();
  }

  /** Takes the oldest item; blocks while empty (unless block is false). Throws Empty. */
  get(block = true, timeoutMs?: number): T {
    schedPoint(PointOp.SYNC, this.id);
    const loc = this.loc();
    const timeout = blockingTimeout(block, timeoutMs);
    let blocked = false;
    let frame = null;
    try {
      frame = this.channel.get(timeout > 0 ? deadlineOf(timeout) : 0, () => {
        blocked = true;
        enterBlocked(this.id, BlockReason.QUEUE_GET, timeout, loc);
      });
    } finally {
      if (blocked) leaveBlocked(this.id, BlockReason.QUEUE_GET, frame !== null);
    }
    if (frame === null) throw new Empty();
    rt().recorder.record(EventKind.QUEUE_GET, this.id, frame.seq, frame.producer, 0, loc);
    return fromWire(deserialize(frame.bytes)) as T;
  }

  putNowait(item: T): void {
    this.put(item, false);
  }

  getNowait(): T {
    return this.get(false);
  }

  /** Items in the queue now (approximate while others use it, as in Python). */
  qsize(): number {
    return this.channel.size();
  }

  empty(): boolean {
    return this.channel.size() === 0;
  }

  full(): boolean {
    const max = this.channel.maxsize;
    return max > 0 && this.channel.size() >= max;
  }

  /** This worker will put no more items. */
  close(): void {
    if (!this.closed) rt().recorder.record(EventKind.QUEUE_CLOSE, this.id, 0, 0, 0, this.loc());
    this.closed = true;
  }
}

registerSharedClass('Queue', Queue);
