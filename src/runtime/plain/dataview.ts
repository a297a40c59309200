/**
 * DataView reads and writes of a program's shared buffers: DataView.prototype's get/set methods,
 * wrapped. On a view of unshared memory the wrapper only checks the view's mark and calls the real
 * method. On a shared view the access goes through its granule's seqlock like an element access
 * (memory.ts); an unaligned access that straddles two granules holds both. Its location is sampled
 * per buffer and thread, as the Interleave API's calls are (DataView calls are method calls the
 * transform leaves alone, so that library code reading shared memory is seen too).
 */
import { beginWrite, endWrite, stableVersion, stillVersion } from '../location-version';
import { recordRead, recordWrite } from './record';
import { sampledLoc } from './sampled-location';
import { MARK, type ViewInfo } from './views';

const TYPES: [string, number][] = [
  ['Int8', 1], ['Uint8', 1], ['Int16', 2], ['Uint16', 2], ['Int32', 4], ['Uint32', 4],
  ['Float32', 4], ['Float64', 8], ['BigInt64', 8], ['BigUint64', 8],
];

type Getter = (this: DataView, offset: number, littleEndian?: boolean) => number | bigint;
type Setter = (this: DataView, offset: number, value: number | bigint, littleEndian?: boolean) => void;
type Marked = DataView & { [MARK]?: ViewInfo | false };

function offsetOf(view: DataView, offset: unknown, size: number): number {
  const n = typeof offset === 'number' ? offset : Number(offset);
  return Number.isInteger(n) && n >= 0 && n + size <= view.byteLength ? n : -1;
}

function sharedGet(view: DataView, info: ViewInfo, get: Getter, size: number, offset: number, littleEndian: boolean | undefined): number | bigint {
  const at = offsetOf(view, offset, size);
  if (at < 0) return get.call(view, offset, littleEndian);
  const address = info.byteOffset + at;
  const versions = info.buffer.versions;
  const first = Math.floor(address / 8);
  const last = Math.floor((address + size - 1) / 8);
  let v1: number;
  let v2: number;
  let value: number | bigint;
  do {
    v1 = stableVersion(versions, first);
    v2 = last === first ? v1 : stableVersion(versions, last);
    value = get.call(view, at, littleEndian);
  } while (!stillVersion(versions, first, v1) || (last !== first && !stillVersion(versions, last, v2)));
  recordRead(info.buffer.id, address, Number(value), v1 >> 1, size, sampledLoc(info.buffer));
  return value;
}

function sharedSet(view: DataView, info: ViewInfo, set: Setter, size: number, offset: number, value: number | bigint, littleEndian: boolean | undefined): void {
  const at = offsetOf(view, offset, size);
  if (at < 0) return set.call(view, offset, value, littleEndian);
  const address = info.byteOffset + at;
  const versions = info.buffer.versions;
  const first = Math.floor(address / 8);
  const last = Math.floor((address + size - 1) / 8);
  // Two granules are taken in address order, as every writer takes them: no two writers wait on
  // each other in a cycle.
  const before = beginWrite(versions, first);
  const before2 = last === first ? 0 : beginWrite(versions, last);
  try {
    set.call(view, at, value, littleEndian);
  } finally {
    if (last !== first) endWrite(versions, last, before2);
    endWrite(versions, first, before);
  }
  recordWrite(info.buffer.id, address, Number(value), before, size, sampledLoc(info.buffer));
}

let installed = false;

export function installDataViews(): void {
  if (installed) return;
  installed = true;
  const proto = DataView.prototype as unknown as Record<string, unknown>;
  for (const [type, size] of TYPES) {
    const get = proto[`get${type}`] as Getter;
    const set = proto[`set${type}`] as Setter;
    const wrappedGet = {
      [`get${type}`](this: Marked, offset: number, littleEndian?: boolean): number | bigint {
        const info = this[MARK];
        return info ? sharedGet(this, info, get, size, offset, littleEndian) : get.call(this, offset, littleEndian);
      },
    }[`get${type}`]!;
    const wrappedSet = {
      [`set${type}`](this: Marked, offset: number, value: number | bigint, littleEndian?: boolean): void {
        const info = this[MARK];
        return info ? sharedSet(this, info, set, size, offset, value, littleEndian) : set.call(this, offset, value, littleEndian);
      },
    }[`set${type}`]!;
    Object.defineProperty(wrappedGet, 'length', { value: get.length });
    Object.defineProperty(wrappedSet, 'length', { value: set.length });
    Object.defineProperty(proto, `get${type}`, { value: wrappedGet, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(proto, `set${type}`, { value: wrappedSet, writable: true, configurable: true, enumerable: false });
  }
}
