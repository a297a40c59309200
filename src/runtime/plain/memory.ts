/**
 * Element reads and writes of a program's shared views, as the load-time transform calls them
 * (runner/instrument.ts): `r` (read), `w` (write), `u` (++/--), and the one-copy forms `rg`, `wg`,
 * `ug`, `cg`, `lg` for sites whose parts cannot be written twice, which check for themselves.
 *
 * Each access goes through its granule's seqlock (location-version.ts, the same as Value's): a read
 * retries until no write was in flight and records the version it saw, a write holds the granule
 * for its one store and records how many versioned operations came before it. A read-modify-write
 * such as `a[i] += 1` stays a separate read and write, so updates are lost exactly as they would be
 * under plain `node`, and analysis can count them.
 *
 * An index that is not an element (out of range, fractional, negative) touches no memory: it is
 * passed through as the plain access would be, unrecorded.
 */
import { beginWrite, endWrite, stableVersion, stillVersion } from '../location-version';
import { recordRead, recordWrite } from './record';
import { siteLoc } from './sites';
import { MARK, type ViewInfo } from './views';

type Elements = { [index: number]: number | bigint; length: number; [MARK]?: ViewInfo | false };

function isElement(o: Elements, k: number): boolean {
  return (k >>> 0) === k && k < o.length;
}

export function read(o: Elements, k: number, site: number): number | bigint {
  const info = o[MARK] as ViewInfo;
  if (!isElement(o, k)) return o[k]!;
  const address = info.byteOffset + k * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  let version: number;
  let value: number | bigint;
  do {
    version = stableVersion(versions, g);
    value = o[k]!;
  } while (!stillVersion(versions, g, version));
  recordRead(info.buffer.id, address, Number(value), version >> 1, info.bytes, siteLoc(site));
  return value;
}

export function write(o: Elements, k: number, value: unknown, site: number): unknown {
  const info = o[MARK] as ViewInfo;
  if (!isElement(o, k)) {
    (o as unknown as Record<number, unknown>)[k] = value;
    return value;
  }
  const address = info.byteOffset + k * info.bytes;
  const versions = info.buffer.versions;
  const g = Math.floor(address / 8);
  const before = beginWrite(versions, g);
  let stored: number | bigint;
  try {
    // The element type converts the value, as the plain store would (and throws as it would:
    // a number into a BigInt64Array, a Symbol anywhere).
    o[k] = value as number;
    stored = o[k]!;
  } finally {
    endWrite(versions, g, before);
  }
  recordWrite(info.buffer.id, address, Number(stored), before, info.bytes, siteLoc(site));
  return value;
}

/** `a[k]++` (delta 1, prefix 0), `--a[k]` (delta -1, prefix 1) ...: the value the expression gives. */
export function update(o: Elements, k: number, delta: number, prefix: number, site: number): number | bigint {
  const old = read(o, k, site);
  const next = typeof old === 'bigint' ? old + BigInt(delta) : old + delta;
  write(o, k, next, site);
  return prefix ? next : old;
}

function shared(o: unknown, k: unknown): o is Elements {
  return typeof k === 'number' && o != null && Boolean((o as Elements)[MARK]);
}

export function readAny(o: unknown, k: unknown, site: number): unknown {
  if (shared(o, k)) return read(o, k as number, site);
  return (o as Record<PropertyKey, unknown>)[k as PropertyKey];
}

export function writeAny(o: unknown, k: unknown, value: unknown, site: number): unknown {
  if (shared(o, k)) return write(o, k as number, value, site);
  (o as Record<PropertyKey, unknown>)[k as PropertyKey] = value;
  return value;
}

export function updateAny(o: unknown, k: unknown, delta: number, prefix: number, site: number): unknown {
  if (shared(o, k)) return update(o, k as number, delta, prefix, site);
  const target = o as Record<PropertyKey, unknown>;
  const key = k as PropertyKey;
  const old = target[key] as number;
  // As the operator does: ToNumeric of the old value, then +1 / -1.
  const numeric = typeof old === 'bigint' ? old : +old;
  const next = typeof numeric === 'bigint' ? numeric + BigInt(delta) : numeric + delta;
  target[key] = next;
  return prefix ? next : numeric;
}

/** `o[k] op= v` (the one-copy form: v was evaluated before the read). */
export function compoundAny(o: unknown, k: unknown, op: string, v: unknown, site: number): unknown {
  const old = shared(o, k) ? read(o, k as number, site) : (o as Record<PropertyKey, unknown>)[k as PropertyKey];
  const next = apply(op, old, v);
  return writeAny(o, k, next, site);
}

/** `o[k] &&= v`, `||=`, `??=`: v (a thunk) is evaluated only when the assignment happens. */
export function logicalAny(o: unknown, k: unknown, op: string, v: () => unknown, site: number): unknown {
  const old = readAny(o, k, site);
  const assign = op === '&&' ? Boolean(old) : op === '||' ? !old : old === null || old === undefined;
  return assign ? writeAny(o, k, v(), site) : old;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function apply(op: string, a: any, b: any): unknown {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
    case '**': return a ** b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '>>>': return a >>> b;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    default: throw new SyntaxError(`interleave: unknown compound operator ${op}=`);
  }
}
