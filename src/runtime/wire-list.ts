/**
 * How a Pool chunk's items and results cross threads. A list of plain numbers — the common case
 * (`pool.map(cube, range(n))`) — travels as one Float64Array, which the V8 serializer copies in a
 * single memcpy; element-by-element serialization costs about 100 ns a number. Any other list
 * goes as a structured-cloneable array with shared objects turned into handles.
 */
import { fromWire, toWire } from './handles';

export type WireList = { numbers: Float64Array } | { values: unknown[] };

export function encodeList(list: unknown[]): WireList {
  let allNumbers = true;
  for (let i = 0; i < list.length; i++) {
    if (typeof list[i] !== 'number') { allNumbers = false; break; }
  }
  return allNumbers ? { numbers: Float64Array.from(list as number[]) } : { values: toWire(list) as unknown[] };
}

/** The list as a plain array, or as a Float64Array (indexable the same way) for numbers. */
export function decodeList(wire: WireList): ArrayLike<unknown> {
  return 'numbers' in wire ? wire.numbers : (fromWire(wire.values) as unknown[]);
}

export function listLength(wire: WireList): number {
  return 'numbers' in wire ? wire.numbers.length : wire.values.length;
}
