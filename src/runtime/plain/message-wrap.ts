/**
 * What travels with a plain program's message, beside the program's own data: the channel and
 * sequence number of the message, its sender, the ids and version words of every shared buffer
 * in it, and the channel of every MessagePort in it. The program's data is carried unchanged
 * inside a plain wrapper object; the receiving side takes the wrapper apart before any listener
 * runs (ports.ts), so the program receives exactly what it sent.
 *
 * Structured clone keeps the identity of a buffer or port within one message: the buffer listed
 * beside the data arrives as the same object as the one inside the data, which is how the
 * receiver knows which id is whose.
 */
import { fromWire, toWire } from '../handles';
import { adoptBuffer, isInternal, registerBuffer } from './buffers';
import { setPortChannel, portChannel, type PortChannel } from './port-channels';

/** A string key: structured clone drops symbol-keyed properties. */
export const WRAPPED = '__interleaveMessage';

export interface Wrapped {
  [WRAPPED]: 1;
  /** The program's data. */
  d: unknown;
  /** Channel object id, sequence number, sender pid. */
  c: number;
  s: number;
  p: number;
  /** [buffer, version words, id, ...] of the shared buffers in d. */
  b: unknown[] | null;
  /** [port, channel object id, channel slot, ...] of the ports in d or the transfer list. */
  q: unknown[] | null;
}

interface Port {
  postMessage: unknown;
}

/** Shared buffers and message ports reachable from `value` (what structured clone would carry). */
function carried(value: unknown, transfer: readonly unknown[]): { buffers: SharedArrayBuffer[]; ports: Port[] } {
  const buffers = new Set<SharedArrayBuffer>();
  const ports = new Set<Port>();
  const seen = new Set<object>();
  const stack: unknown[] = [value, ...transfer];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || seen.has(item)) continue;
    seen.add(item);
    if (item instanceof SharedArrayBuffer) {
      if (!isInternal(item)) buffers.add(item);
    } else if (ArrayBuffer.isView(item)) {
      const buffer = item.buffer;
      if (buffer instanceof SharedArrayBuffer && !isInternal(buffer)) buffers.add(buffer);
    } else if (item instanceof ArrayBuffer) {
      continue;
    } else if (portChannel(item) !== undefined || isMessagePort(item)) {
      ports.add(item as Port);
    } else if (item instanceof Map) {
      for (const [k, v] of item) stack.push(k, v);
    } else if (item instanceof Set) {
      for (const v of item) stack.push(v);
    } else if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) stack.push(item[i]);
    } else if (!(item instanceof Date) && !(item instanceof RegExp)) {
      for (const key of Object.keys(item)) {
        try {
          stack.push((item as Record<string, unknown>)[key]);
        } catch {
          // a getter that throws: structured clone will say so
        }
      }
    }
  }
  return { buffers: [...buffers], ports: [...ports] };
}

let MessagePortClass: unknown = null;
export function setMessagePortClass(ctor: unknown): void {
  MessagePortClass = ctor;
}
function isMessagePort(item: object): boolean {
  return typeof MessagePortClass === 'function' && item instanceof (MessagePortClass as new () => object);
}

/** The wrapper for `data` sent on `channel` as message `seq`. */
export function wrap(data: unknown, transfer: readonly unknown[], channel: number, seq: number, sender: number): Wrapped {
  const { buffers, ports } = carried(data, transfer);
  let b: unknown[] | null = null;
  if (buffers.length > 0) {
    b = [];
    for (const buffer of buffers) {
      const info = registerBuffer(buffer);
      b.push(buffer, info.shadow, info.id);
    }
  }
  let q: unknown[] | null = null;
  for (const port of ports) {
    const ref = portChannel(port);
    if (!ref) continue;
    (q ??= []).push(port, ref.obj, ref.slot);
  }
  // Interleave objects (Value, Lock, Queue...) in the data cross as handles to the same memory.
  return { [WRAPPED]: 1, d: toWire(data), c: channel, s: seq, p: sender, b, q };
}

export function isWrapped(value: unknown): value is Wrapped {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[WRAPPED] === 1;
}

/** Takes a received wrapper apart: adopts its buffers and ports; returns the program's data. */
export function unwrap(message: Wrapped): unknown {
  const b = message.b;
  if (b) for (let i = 0; i + 2 < b.length; i += 3) adoptBuffer(b[i] as SharedArrayBuffer, b[i + 1] as SharedArrayBuffer, b[i + 2] as number);
  const q = message.q;
  if (q) for (let i = 0; i + 2 < q.length; i += 3) setPortChannel(q[i] as object, { obj: q[i + 1] as number, slot: q[i + 2] as number, peer: -1 } as PortChannel);
  return fromWire(message.d);
}
