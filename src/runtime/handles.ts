/**
 * Shared objects cross threads as handles to the same memory.
 *
 * Arguments and Queue items are structured-cloned, which would copy a Value into a dead plain
 * object. So before cloning, `toWire()` replaces every shared object, wherever it sits (nested in
 * arrays, objects, Maps and Sets), with a small descriptor naming its kind and its place in the
 * run's shared heap; `fromWire()` turns descriptors back into live objects on the other side.
 */

const WIRE_TAG = '__interleave_handle__';

export interface HandleDescriptor {
  [WIRE_TAG]: string;
  [field: string]: unknown;
}

/** Implemented by every shared runtime object. */
export interface Shareable {
  toHandle(): HandleDescriptor;
}

type Reviver = (descriptor: HandleDescriptor) => unknown;
const revivers = new Map<string, Reviver>();

export function registerHandleKind(kind: string, revive: Reviver): void {
  revivers.set(kind, revive);
}

export function makeDescriptor(kind: string, fields: Record<string, unknown>): HandleDescriptor {
  return { [WIRE_TAG]: kind, ...fields };
}

function isShareable(value: object): value is Shareable {
  return typeof (value as Partial<Shareable>).toHandle === 'function';
}

function isDescriptor(value: object): value is HandleDescriptor {
  return typeof (value as Record<string, unknown>)[WIRE_TAG] === 'string';
}

/** Whether a value can hold nested objects worth walking (not a typed array, Date, etc.). */
function isContainer(value: object): boolean {
  if (Array.isArray(value) || value instanceof Map || value instanceof Set) return true;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp) return false;
  if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) return false;
  return true;
}

/** Replaces shared objects by descriptors. Returns the input itself when it holds none. */
export function toWire(value: unknown): unknown {
  return mapDeep(value, (object) => (isShareable(object) ? object.toHandle() : undefined), new Map());
}

/** Replaces descriptors by live shared objects. */
export function fromWire(value: unknown): unknown {
  return mapDeep(
    value,
    (object) => {
      if (!isDescriptor(object)) return undefined;
      const revive = revivers.get(object[WIRE_TAG]);
      if (!revive) throw new TypeError(`interleave: unknown shared object kind ${object[WIRE_TAG]}`);
      return revive(object);
    },
    new Map(),
  );
}

/**
 * Copy-on-change deep map: containers are copied only when something inside them changed, so a
 * large array of numbers costs one walk and no allocation.
 */
function mapDeep(value: unknown, replace: (object: object) => unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (!isContainer(value)) return value;
  if (seen.has(value)) return seen.get(value);
  seen.set(value, value);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null) continue;
      const mapped = mapDeep(item, replace, seen);
      if (mapped !== item) {
        copy ??= value.slice();
        copy[i] = mapped;
      }
    }
    if (copy) seen.set(value, copy);
    return copy ?? value;
  }
  if (value instanceof Map) {
    let changed = false;
    const entries: [unknown, unknown][] = [];
    for (const [k, v] of value) {
      const mk = mapDeep(k, replace, seen);
      const mv = mapDeep(v, replace, seen);
      changed ||= mk !== k || mv !== v;
      entries.push([mk, mv]);
    }
    return changed ? new Map(entries) : value;
  }
  if (value instanceof Set) {
    let changed = false;
    const items: unknown[] = [];
    for (const v of value) {
      const mv = mapDeep(v, replace, seen);
      changed ||= mv !== v;
      items.push(mv);
    }
    return changed ? new Set(items) : value;
  }
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(source)) {
    const item = source[key];
    if (typeof item !== 'object' || item === null) continue;
    const mapped = mapDeep(item, replace, seen);
    if (mapped !== item) {
      copy ??= { ...source };
      copy[key] = mapped;
    }
  }
  if (copy) seen.set(value, copy);
  return copy ?? value;
}
