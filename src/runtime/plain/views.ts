/**
 * Which views are over a program's shared buffer: the marker instrumented code checks.
 *
 * Every typed array and DataView answers `view[MARK]`: a ViewInfo when it is a view over a
 * registered SharedArrayBuffer, else false. The answer comes from a getter on the prototypes,
 * computed on a view's first check and then kept on the view itself as an own, non-enumerable
 * property, so that later checks are one monomorphic property load. Objects that are not views
 * (arrays, plain objects, strings) answer undefined from their own prototype chain.
 *
 * Why on the prototypes rather than in patched constructors: views reach a thread in ways no
 * constructor sees (structured clone, Buffer.from(sab), subarray), and the getter answers for all.
 */
import { isInternal, knownBuffer, type BufferInfo } from './buffers';

export const MARK: unique symbol = Symbol('interleave.sharedView');

export interface ViewInfo {
  buffer: BufferInfo;
  byteOffset: number;
  /** Bytes per element (1 for a DataView). */
  bytes: number;
  /** Whether elements are bigint (BigInt64Array, BigUint64Array). */
  big: boolean;
}

type View = ArrayBufferView & { [MARK]?: ViewInfo | false };

const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype) as object;
const typedBuffer = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer')!.get!;
const typedOffset = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset')!.get!;
const viewBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer')!.get!;
const viewOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset')!.get!;

function describe(view: View, isDataView: boolean): ViewInfo | false | null {
  const buffer = (isDataView ? viewBuffer : typedBuffer).call(view) as ArrayBufferLike;
  if (!(buffer instanceof SharedArrayBuffer) || isInternal(buffer)) return false;
  const info = knownBuffer(buffer);
  // A shared buffer no program code registered (yet): answer false, but do not remember it.
  if (!info) return null;
  const bytes = isDataView ? 1 : (view as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  return {
    buffer: info,
    byteOffset: (isDataView ? viewOffset : typedOffset).call(view) as number,
    bytes,
    big: view instanceof BigInt64Array || view instanceof BigUint64Array,
  };
}

function markGetter(isDataView: boolean): (this: View) => ViewInfo | false {
  return function (this: View): ViewInfo | false {
    const info = describe(this, isDataView);
    if (info === null) return false;
    try {
      Object.defineProperty(this, MARK, { value: info, enumerable: false, configurable: true, writable: false });
    } catch {
      // a non-extensible view: it is asked again each time
    }
    return info;
  };
}

let installed = false;

export function installViewMarks(): void {
  if (installed) return;
  installed = true;
  Object.defineProperty(TypedArrayPrototype, MARK, { get: markGetter(false), configurable: true, enumerable: false });
  Object.defineProperty(DataView.prototype, MARK, { get: markGetter(true), configurable: true, enumerable: false });
}

/** The view's info when it is over a program's shared buffer, else false/undefined. */
export function viewInfo(view: unknown): ViewInfo | false | undefined {
  return view !== null && (typeof view === 'object') ? (view as View)[MARK] : undefined;
}
