/**
 * Array (exported also as SharedArray): typed numbers in shared memory, as Python's
 * multiprocessing.Array. `arr[i]` works through a Proxy; get(i)/set(i, v) skip it.
 * Every element has its own version, so races and lost updates are found per index.
 */
import { EventKind, ObjectKind } from '../shared/events';
import { now } from './clock';
import { MAX_ELEMENTS } from '../shared/trace-records';
import { allocShared, registerObject, rt } from './context';
import { fromWire, toWire } from './handles';
import { RLock } from './lock';
import { beginWrite, endWrite, stableVersion, stillVersion } from './location-version';
import { SharedObject, registerSharedClass, type ObjectFields } from './shared-object';
import { bytesPerElement, checkTypecode, toElement, viewOf, type ElementOf, type ElementView, type Typecode } from './typecodes';
import type { SharedDataOptions } from './value';
import { PointOp } from '../shared/sched-table';
import { schedListData, schedPoint } from './sched-point';

/**
 * Whether a property key is numeric ('0', '7', '-1', '1.5', 'NaN': a canonical numeric string, as
 * typed arrays decide). Every such key goes to get()/set(), so `arr[-1]` and `arr[1.5]` throw a
 * RangeError like `arr[length]` does, instead of reading undefined or adding a stray property.
 */
function isIndexKey(key: string | symbol): key is string {
  if (typeof key !== 'string' || key.length === 0) return false;
  const c = key.charCodeAt(0);
  // Ordinary names (length, toArray, ...) are rejected by their first character.
  if (!((c >= 48 && c <= 57) || c === 45 /* - */ || c === 73 /* Infinity */ || c === 78 /* NaN */)) return false;
  return key === '-0' || String(Number(key)) === key;
}

/** Every Array is wrapped in this Proxy so that arr[i] reads and writes are recorded. */
const indexing: ProxyHandler<SharedArrayImpl> = {
  get(target, key, receiver) {
    if (isIndexKey(key)) return target.get(Number(key));
    return Reflect.get(target, key, receiver) as unknown;
  },
  set(target, key, value, receiver) {
    if (isIndexKey(key)) {
      target.set(Number(key), value as number | bigint);
      return true;
    }
    return Reflect.set(target, key, value, receiver);
  },
  has(target, key) {
    if (isIndexKey(key)) {
      const index = Number(key);
      return Number.isInteger(index) && index >= 0 && index < target.length;
    }
    return Reflect.has(target, key);
  },
};

class SharedArrayImpl<T extends Typecode = Typecode> extends SharedObject {
  declare readonly typecode: T;
  declare readonly length: number;
  declare private data: ElementView;
  declare private versionBase: number;
  declare private ownLock: RLock | null;
  [index: number]: ElementOf<T>;

  constructor(typecode: T, init: number | Iterable<ElementOf<T> | number>, options: SharedDataOptions = {}) {
    super();
    const code = checkTypecode(typecode);
    const initial = typeof init === 'number' ? null : Array.from(init, (v) => toElement(code, v));
    const length = initial === null ? init as number : initial.length;
    if (!Number.isInteger(length) || length < 0) throw new RangeError('interleave: Array size must be a non-negative integer');
    if (length > MAX_ELEMENTS) throw new RangeError(`interleave: an Array holds at most ${MAX_ELEMENTS} elements, not ${length}`);
    const dataBytes = Math.ceil((length * bytesPerElement(code)) / 8) * 8;
    const what = `${options.name === undefined ? 'an Array' : `Array "${options.name}"`} of ${length} '${code}'`;
    const offset = allocShared(dataBytes + length * 4, what);
    const id = registerObject(ObjectKind.ARRAY, 'Array', options.name, length);
    const lock = options.lock === false ? null : new RLock();
    this.attach({ id, offset, typecode: code, length, dataBytes, lock: lock === null ? null : toWire(lock) });
    if (initial !== null) initial.forEach((v, i) => { this.data[i] = v; });
    schedListData(id, offset, code, length);
    return new Proxy(this, indexing as ProxyHandler<this>);
  }

  protected override attach(fields: ObjectFields): void {
    super.attach(fields);
    const self = this as unknown as { typecode: Typecode; length: number; data: ElementView; versionBase: number; ownLock: RLock | null; dataBytes: number };
    self.typecode = fields.typecode as Typecode;
    self.length = fields.length as number;
    self.dataBytes = fields.dataBytes as number;
    self.data = viewOf(self.typecode, rt().boot.memory.heap, fields.offset, self.length);
    self.versionBase = (fields.offset + self.dataBytes) >> 2;
    self.ownLock = fields.lock ? (fromWire(fields.lock) as RLock) : null;
  }

  protected override handleFields(): ObjectFields {
    const self = this as unknown as { dataBytes: number };
    return {
      ...super.handleFields(),
      typecode: this.typecode,
      length: this.length,
      dataBytes: self.dataBytes,
      lock: this.ownLock === null ? null : toWire(this.ownLock),
    };
  }

  protected get handleKind(): string {
    return 'Array';
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`interleave: Array index ${index} out of range (length ${this.length})`);
    }
  }

  get(index: number): ElementOf<T> {
    this.checkIndex(index);
    schedPoint(PointOp.READ, this.id);
    const at = this.versionBase + index;
    let version: number;
    let v: ElementOf<T>;
    let time: number;
    do {
      version = stableVersion(this.words, at);
      v = this.data[index] as ElementOf<T>;
      time = now(); // before the version is checked again: see location-version.ts
    } while (!stillVersion(this.words, at, version));
    this.recorder.recordAt(time, EventKind.READ, this.id, index, Number(v), version >> 1, this.loc());
    return v;
  }

  set(index: number, value: ElementOf<T> | number): void {
    this.checkIndex(index);
    schedPoint(PointOp.WRITE, this.id);
    const stored = toElement(this.typecode, value);
    const at = this.versionBase + index;
    const before = beginWrite(this.words, at);
    this.data[index] = stored;
    const written = this.data[index] as number | bigint;
    const time = now(); // inside the write: see location-version.ts
    endWrite(this.words, at, before);
    this.recorder.recordAt(time, EventKind.WRITE, this.id, index, Number(written), before, this.loc());
  }

  /** A copy of the elements (Python's arr[:]). Each element read is recorded. */
  toArray(): ElementOf<T>[] {
    return this.slice();
  }

  /** A copy of elements [start, end), with Python-like negative indices. */
  slice(start = 0, end = this.length): ElementOf<T>[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    const out: ElementOf<T>[] = [];
    for (let i = from; i < to; i++) out.push(this.get(i));
    return out;
  }

  *[Symbol.iterator](): IterableIterator<ElementOf<T>> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  getLock(): RLock {
    if (this.ownLock === null) throw new Error('interleave: this Array was made with { lock: false } and has no lock');
    return this.ownLock;
  }

  override toString(): string {
    return `Array('${this.typecode}', [${Array.prototype.join.call(this.data, ', ')}])`;
  }
}

registerSharedClass('Array', SharedArrayImpl, (object) => new Proxy(object, indexing));

export { SharedArrayImpl as SharedArray };
