/**
 * Typed-array methods that read or write many elements of a program's shared buffer at once
 * (fill, set, copyWithin, sort, reverse; slice, indexOf, join, iteration, ...): wrapped on the
 * shared TypedArray prototype, each recorded as one ranged access (SHM_RANGE_READ/WRITE) over the
 * bytes it touches. Ranges take no versions: analysis checks them for races, not lost updates.
 * On unshared views the wrapper checks the mark and calls the real method.
 */
import { recordRange } from './record';
import { sampledLoc } from './sampled-location';
import { MARK, type ViewInfo } from './views';

type Marked = { [MARK]?: ViewInfo | false; length: number; byteLength: number };
type Method = (this: Marked, ...args: unknown[]) => unknown;

/** A relative index (as the methods read start/end arguments) resolved against `length`. */
function relative(value: unknown, length: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Math.trunc(Number(value)) || 0;
  return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
}

function range(write: boolean, info: ViewInfo, from: number, to: number): void {
  if (to <= from) return;
  recordRange(write, info.buffer.id, info.byteOffset + from * info.bytes, (to - from) * info.bytes, sampledLoc(info.buffer));
}

/** Elements [from, to) each method touches, and whether it writes them. */
const RANGES: Record<string, (view: Marked, info: ViewInfo, args: unknown[]) => void> = {
  fill: (v, info, a) => range(true, info, relative(a[1], v.length, 0), relative(a[2], v.length, v.length)),
  set: (v, info, a) => {
    const source = a[0] as { length?: number; [MARK]?: ViewInfo | false } | null;
    const at = Math.trunc(Number(a[1] ?? 0)) || 0;
    const count = typeof source?.length === 'number' ? source.length : 0;
    range(true, info, at, Math.min(at + count, v.length));
    const from = source?.[MARK];
    if (from) range(false, from, 0, count);
  },
  copyWithin: (v, info, a) => {
    const target = relative(a[0], v.length, 0);
    const start = relative(a[1], v.length, 0);
    const end = relative(a[2], v.length, v.length);
    const count = Math.min(end - start, v.length - target);
    range(false, info, start, start + count);
    range(true, info, target, target + count);
  },
  sort: (v, info) => { range(false, info, 0, v.length); range(true, info, 0, v.length); },
  reverse: (v, info) => { range(false, info, 0, v.length); range(true, info, 0, v.length); },
  slice: (v, info, a) => range(false, info, relative(a[0], v.length, 0), relative(a[1], v.length, v.length)),
  at: (v, info, a) => {
    const i = relative(a[0], v.length, 0);
    if (i < v.length) range(false, info, i, i + 1);
  },
};

const READS_ALL = [
  'indexOf', 'lastIndexOf', 'includes', 'join', 'toLocaleString', 'forEach', 'map', 'filter', 'reduce',
  'reduceRight', 'every', 'some', 'find', 'findIndex', 'findLast', 'findLastIndex', 'values', 'entries',
  'toReversed', 'toSorted', 'with',
];

let installed = false;

export function installBulkMethods(): void {
  if (installed) return;
  installed = true;
  const proto = Object.getPrototypeOf(Int8Array.prototype) as Record<PropertyKey, unknown>;
  const wrap = (key: PropertyKey, touch: (view: Marked, info: ViewInfo, args: unknown[]) => void): void => {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    const real = descriptor?.value as Method | undefined;
    if (typeof real !== 'function') return;
    const name = typeof key === 'symbol' ? `[${key.description ?? ''}]` : key;
    const wrapped = {
      [name](this: Marked, ...args: unknown[]): unknown {
        const info = this !== null && typeof this === 'object' ? this[MARK] : undefined;
        if (info) touch(this, info, args);
        return real.apply(this, args);
      },
    }[name]!;
    Object.defineProperty(wrapped, 'length', { value: real.length });
    Object.defineProperty(wrapped, 'name', { value: real.name });
    Object.defineProperty(proto, key, { ...descriptor, value: wrapped });
  };
  for (const [key, touch] of Object.entries(RANGES)) wrap(key, touch);
  const readAll = (v: Marked, info: ViewInfo): void => range(false, info, 0, v.length);
  for (const key of READS_ALL) wrap(key, readAll);
  // values and [Symbol.iterator] are one function: iteration (for...of, spread) reads it all.
  const values = proto.values;
  if (proto[Symbol.iterator] !== values) wrap(Symbol.iterator, readAll);
  else Object.defineProperty(proto, Symbol.iterator, { value: values, writable: true, configurable: true, enumerable: false });
}
