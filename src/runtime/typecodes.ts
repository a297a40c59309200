/**
 * Python `array`-module typecodes and the typed arrays that store them. Integers wrap like C
 * types (typed-array semantics), as multiprocessing's ctypes do; 'q'/'Q' hold bigint.
 */
export type Typecode = 'b' | 'B' | 'h' | 'H' | 'i' | 'I' | 'l' | 'L' | 'q' | 'Q' | 'f' | 'd';
export type BigTypecode = 'q' | 'Q';
export type NumberTypecode = Exclude<Typecode, BigTypecode>;
/** What a typecode reads and writes: bigint for 'q'/'Q', number otherwise. */
export type ElementOf<T extends Typecode> = T extends BigTypecode ? bigint : number;

type AnyTyped =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

interface TypedCtor {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): AnyTyped;
  BYTES_PER_ELEMENT: number;
}

const ctors: Record<Typecode, TypedCtor> = {
  b: Int8Array, B: Uint8Array, h: Int16Array, H: Uint16Array, i: Int32Array, I: Uint32Array,
  l: Int32Array, L: Uint32Array, q: BigInt64Array, Q: BigUint64Array, f: Float32Array, d: Float64Array,
};

export function checkTypecode(code: unknown): Typecode {
  if (typeof code !== 'string' || !Object.prototype.hasOwnProperty.call(ctors, code)) {
    throw new TypeError(`interleave: unknown typecode ${JSON.stringify(code)} (use one of b B h H i I l L q Q f d)`);
  }
  return code as Typecode;
}

export function isBig(code: Typecode): code is BigTypecode {
  return code === 'q' || code === 'Q';
}

export function bytesPerElement(code: Typecode): number {
  return ctors[code].BYTES_PER_ELEMENT;
}

/** A typed view whose elements read and write as `number | bigint`. */
export interface ElementView {
  [index: number]: number | bigint;
  readonly length: number;
}

export function viewOf(code: Typecode, buffer: SharedArrayBuffer, byteOffset: number, length: number): ElementView {
  return new ctors[code](buffer, byteOffset, length) as unknown as ElementView;
}

/** Converts a user's value to what the typed array stores (numbers accepted for 'q'/'Q'). */
export function toElement(code: Typecode, value: unknown): number | bigint {
  if (isBig(code)) {
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number') return BigInt(Math.trunc(value));
    throw new TypeError(`interleave: typecode '${code}' holds bigint values, got ${typeof value}`);
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new TypeError(`interleave: typecode '${code}' holds numbers, got ${typeof value}`);
}
