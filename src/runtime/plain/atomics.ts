/**
 * The Atomics a plain program's code calls (the transform rewrites its `Atomics` to this object).
 * Each operation on a view of a program's shared buffer is the real Atomics operation, done while
 * holding the address's granule (memory.ts), and recorded as an ATOMIC event: analysis treats it
 * as sequentially consistent, a release and an acquire on its address. Views of other memory go
 * straight to the real Atomics, which also throws the errors Node would.
 *
 * The transform passes each call's site as an extra last argument (after padding optional ones),
 * so an Atomics call's line costs nothing; a call it could not see (spread arguments) samples one.
 *
 * Spinning: a thread that loads the same version of an address again (a spin-wait on a flag, a
 * failed compareExchange in a spin lock) records it once, not once per spin: the repeats order
 * nothing new (no write came in between) and would flood the ring.
 */
import { AtomicOp, BlockReason } from '../../shared/events';
import { enterBlocked, leaveBlocked } from '../blocking';
import { callerLocation } from '../context';
import { abortWrite, beginWrite, endWrite, stableVersion, stillVersion } from '../location-version';
import { recordAtomic, recordNotify, plainRecorder } from './record';
import { siteLoc } from './sites';
import { viewInfo, type ViewInfo } from './views';
import { EventKind } from '../../shared/events';
import { forgetEachRun } from '../run-scope';

type IntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;
type Value = number | bigint;

const real = Atomics;
const realLoad = real.load as (ta: IntArray, i: number) => Value;
const realStore = real.store as (ta: IntArray, i: number, v: Value) => Value;
const realRmw = {
  [AtomicOp.ADD]: real.add,
  [AtomicOp.SUB]: real.sub,
  [AtomicOp.AND]: real.and,
  [AtomicOp.OR]: real.or,
  [AtomicOp.XOR]: real.xor,
  [AtomicOp.EXCHANGE]: real.exchange,
} as unknown as Record<number, (ta: IntArray, i: number, v: Value) => Value>;
const realCas = real.compareExchange as (ta: IntArray, i: number, expected: Value, replacement: Value) => Value;
const realWait = real.wait as (ta: Int32Array | BigInt64Array, i: number, v: Value, timeout?: number) => 'ok' | 'not-equal' | 'timed-out';
const realWaitAsync = (real as unknown as { waitAsync?: (ta: Int32Array | BigInt64Array, i: number, v: Value, timeout?: number) => { async: boolean; value: unknown } }).waitAsync;
const realNotify = real.notify as (ta: Int32Array | BigInt64Array, i: number, count?: number) => number;

/** The element index an Atomics call names, or -1 when the real call should judge it (and throw). */
function indexOf(ta: IntArray, index: unknown): number {
  const i = typeof index === 'number' ? index : Number(index);
  return Number.isInteger(i) && i >= 0 && i < ta.length ? i : -1;
}

function locOf(site: unknown): number {
  return typeof site === 'number' ? siteLoc(site) : callerLocation();
}

/** What an element of this array makes of `value` (for compareExchange and wait comparisons). */
const scratch = new Map<unknown, IntArray>();
function asElement(ta: IntArray, value: unknown): Value {
  const ctor = Object.getPrototypeOf(ta).constructor as new (n: number) => IntArray;
  let cell = scratch.get(ctor);
  if (!cell) {
    cell = new ctor(1);
    scratch.set(ctor, cell);
  }
  cell[0] = value as never;
  return cell[0]!;
}

/** The last read-like operation this thread recorded (see "Spinning" above). */
let lastBuffer = -1;
let lastAddress = -1;
let lastVersion = -1;
let lastOp = -1;
let lastLoc = -1;
forgetEachRun(() => { lastBuffer = lastAddress = lastVersion = lastOp = lastLoc = -1; });

function recordReadLike(info: ViewInfo, address: number, value: Value, version: number, op: number, loc: number): void {
  const id = info.buffer.id;
  if (id === lastBuffer && address === lastAddress && version === lastVersion && op === lastOp && loc === lastLoc) return;
  lastBuffer = id;
  lastAddress = address;
  lastVersion = version;
  lastOp = op;
  lastLoc = loc;
  recordAtomic(id, address, Number(value), version, op, info.bytes, loc);
}

function recordWriteLike(info: ViewInfo, address: number, value: Value, before: number, op: number, loc: number): void {
  lastBuffer = -1;
  recordAtomic(info.buffer.id, address, Number(value), before, op, info.bytes, loc);
}

function load(ta: IntArray, index: number, site?: number): Value {
  const info = viewInfo(ta);
  const i = info ? indexOf(ta, index) : -1;
  if (!info || i < 0) return realLoad(ta, index);
  const address = info.byteOffset + i * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  let version: number;
  let value: Value;
  do {
    version = stableVersion(versions, g);
    value = realLoad(ta, i);
  } while (!stillVersion(versions, g, version));
  recordReadLike(info, address, value, version >> 1, AtomicOp.LOAD, locOf(site));
  return value;
}

/** A store or read-modify-write: the real operation inside the granule's write. */
function writing(op: number, ta: IntArray, index: number, value: Value, site: unknown, operation: (ta: IntArray, i: number, v: Value) => Value): Value {
  const info = viewInfo(ta);
  const i = info ? indexOf(ta, index) : -1;
  if (!info || i < 0) return operation(ta, index, value);
  const address = info.byteOffset + i * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  const before = beginWrite(versions, g);
  let result: Value;
  try {
    result = operation(ta, i, value);
  } finally {
    endWrite(versions, g, before);
  }
  recordWriteLike(info, address, result, before, op, locOf(site));
  return result;
}

function rmw(op: number): (ta: IntArray, index: number, value: Value, site?: number) => Value {
  const operation = realRmw[op]!;
  return (ta, index, value, site) => writing(op, ta, index, value, site, operation);
}

function store(ta: IntArray, index: number, value: Value, site?: number): Value {
  return writing(AtomicOp.STORE, ta, index, value, site, realStore);
}

function compareExchange(ta: IntArray, index: number, expected: Value, replacement: Value, site?: number): Value {
  const info = viewInfo(ta);
  const i = info ? indexOf(ta, index) : -1;
  if (!info || i < 0) return realCas(ta, index, expected, replacement);
  const address = info.byteOffset + i * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  const want = asElement(ta, expected);
  const before = beginWrite(versions, g);
  let old: Value;
  try {
    old = realCas(ta, i, expected, replacement);
  } catch (error) {
    abortWrite(versions, g, before);
    throw error;
  }
  if (old === want) {
    endWrite(versions, g, before);
    recordWriteLike(info, address, old, before, AtomicOp.CAS, locOf(site));
  } else {
    // Nothing stored: the version stays, and this was a load of it.
    abortWrite(versions, g, before);
    recordReadLike(info, address, old, before, AtomicOp.CAS_FAILED, locOf(site));
  }
  return old;
}

function wait(ta: Int32Array | BigInt64Array, index: number, value: Value, timeout?: number, site?: number): 'ok' | 'not-equal' | 'timed-out' {
  const info = viewInfo(ta);
  const i = info ? indexOf(ta, index) : -1;
  if (!info || i < 0) return realWait(ta, index, value, timeout);
  const address = info.byteOffset + i * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  const expected = asElement(ta, value);
  const ms = timeout === undefined ? Infinity : Number(timeout);
  const untimed = Number.isNaN(ms) || ms === Infinity;
  const loc = locOf(site);
  // The comparison, as the real wait makes it, read under the granule's version: a wait that
  // returns at once is a load of that version.
  let version: number;
  let current: Value;
  do {
    version = stableVersion(versions, g);
    current = realLoad(ta, i);
  } while (!stillVersion(versions, g, version));
  if (current !== expected) {
    recordReadLike(info, address, current, version >> 1, AtomicOp.WAIT_NOT_EQUAL, loc);
    return 'not-equal';
  }
  lastBuffer = -1;
  enterBlocked(info.buffer.id, BlockReason.ATOMICS_WAIT, untimed ? Infinity : Math.max(0, ms), loc, address, address);
  let result: 'ok' | 'not-equal' | 'timed-out' = 'timed-out';
  try {
    result = realWait(ta, i, value, timeout);
  } finally {
    leaveBlocked(info.buffer.id, BlockReason.ATOMICS_WAIT, result !== 'timed-out', address);
  }
  if (result !== 'timed-out') {
    // Woken (or the value moved in between): an acquire of the address, after whatever the
    // notifier did before its notify (its version, which the notify took, is now seen).
    const seen = stableVersion(versions, g) >> 1;
    recordAtomic(info.buffer.id, address, Number(realLoad(ta, i)), seen, result === 'ok' ? AtomicOp.WOKEN : AtomicOp.WAIT_NOT_EQUAL, info.bytes, loc);
  }
  return result;
}

function waitAsync(ta: Int32Array | BigInt64Array, index: number, value: Value, timeout?: number, site?: number): { async: boolean; value: unknown } {
  if (!realWaitAsync) throw new TypeError('Atomics.waitAsync is not a function');
  const info = viewInfo(ta);
  const i = info ? indexOf(ta, index) : -1;
  const result = realWaitAsync(ta, index, value, timeout);
  if (!info || i < 0) return result;
  const address = info.byteOffset + i * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  const loc = locOf(site);
  const id = info.buffer.id;
  if (!result.async) {
    if (result.value === 'not-equal') recordReadLike(info, address, realLoad(ta, i), stableVersion(versions, g) >> 1, AtomicOp.WAIT_NOT_EQUAL, loc);
    return result;
  }
  lastBuffer = -1;
  const recorder = plainRecorder();
  const ms = timeout === undefined ? -1 : Number(timeout);
  // The thread goes on running: the wait is recorded, not put in the process table.
  recorder.record(EventKind.BLOCK, id, BlockReason.ATOMICS_WAIT_ASYNC, Number.isFinite(ms) ? ms : -1, address, loc);
  void (result.value as Promise<string>).then((outcome) => {
    recorder.record(EventKind.UNBLOCK, id, BlockReason.ATOMICS_WAIT_ASYNC, outcome === 'ok' ? 1 : 0, address, -1);
    if (outcome === 'ok') recordAtomic(id, address, Number(realLoad(ta, i)), stableVersion(versions, g) >> 1, AtomicOp.WOKEN, info.bytes, loc);
  });
  return result;
}

function notify(ta: Int32Array | BigInt64Array, index: number, count?: number, site?: number): number {
  const info = viewInfo(ta);
  const i = info ? indexOf(ta, index) : -1;
  if (!info || i < 0) return realNotify(ta, index, count);
  const address = info.byteOffset + i * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  // The notify takes a version of its address, so that a woken waiter (which reads the version
  // after waking) is ordered after it.
  const before = beginWrite(versions, g);
  let woken = 0;
  try {
    woken = realNotify(ta, i, count);
  } finally {
    endWrite(versions, g, before);
  }
  lastBuffer = -1;
  recordNotify(info.buffer.id, address, woken, before, locOf(site));
  return woken;
}

/** The Atomics object instrumented code uses in place of the global one. */
export const plainAtomics: typeof Atomics = Object.freeze(Object.assign(Object.create(Object.prototype) as object, {
  load,
  store,
  add: rmw(AtomicOp.ADD),
  sub: rmw(AtomicOp.SUB),
  and: rmw(AtomicOp.AND),
  or: rmw(AtomicOp.OR),
  xor: rmw(AtomicOp.XOR),
  exchange: rmw(AtomicOp.EXCHANGE),
  compareExchange,
  wait,
  waitAsync,
  notify,
  isLockFree: real.isLockFree,
  [Symbol.toStringTag]: 'Atomics',
})) as unknown as typeof Atomics;
