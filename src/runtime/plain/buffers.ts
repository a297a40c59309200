/**
 * The shared buffers of a plain program: one object in the trace per SharedArrayBuffer, however
 * many threads it reaches and however many views are made over it.
 *
 * A SharedArrayBuffer has no identity across threads (each thread that receives it gets a new
 * object over the same memory), so its id travels with it: the thread that first sees a buffer
 * (where user code makes it, or where it is first posted) registers it, and every postMessage and
 * workerData that carries it also carries [buffer, version words, id] beside the user's data
 * (message-wrap.ts). The receiving thread adopts them before any user code sees the buffer.
 *
 * Beside each buffer lives a second SharedArrayBuffer of version words, one Int32 per 8-byte
 * granule of the buffer: the seqlock of location-version.ts, so each access says which write it saw
 * (a read) or how many came before it (a write). One word per 8 bytes because every typed-array
 * element and aligned DataView access (1, 2, 4 or 8 bytes) then fits in one granule: one seqlock
 * per access; analysis splits a granule into the cells the program really accessed (so writes to
 * two neighbouring bytes by two threads are never a race) and recounts versions per cell. The
 * words cost half the buffer's size in address space, which the OS backs only where touched.
 */
import { ObjectKind, EventKind } from '../../shared/events';
import { nextObjectId, rt } from '../context';
import { captureCallerLocation } from '../locations';

export interface BufferInfo {
  id: number;
  /** One version word per 8-byte granule (see above). */
  versions: Int32Array;
  shadow: SharedArrayBuffer;
}

const registry = new WeakMap<SharedArrayBuffer, BufferInfo>();
/** The run's own buffers (heap, rings, control): never a program's, never traced. */
const internal = new WeakSet<SharedArrayBuffer>();

export function markInternal(buffer: SharedArrayBuffer): void {
  internal.add(buffer);
}

export function isInternal(buffer: SharedArrayBuffer): boolean {
  return internal.has(buffer);
}

/** The buffer's info when it is registered in this thread, else undefined. */
export function knownBuffer(buffer: SharedArrayBuffer): BufferInfo | undefined {
  return registry.get(buffer);
}

/**
 * The buffer's info, registering it (a new id, its version words, an OBJ_CREATE) when this thread
 * sees it first. `name` is the program's variable for it, when the transform knew one; `loc` the
 * interned location of where it was made or first seen, or -1 to capture the caller's.
 */
export function registerBuffer(buffer: SharedArrayBuffer, name = '', loc = -2): BufferInfo {
  const known = registry.get(buffer);
  if (known) return known;
  const r = rt();
  const id = nextObjectId();
  const bytes = buffer.growable ? buffer.maxByteLength : buffer.byteLength;
  const shadow = new SharedArrayBuffer(Math.max(4, Math.ceil(bytes / 8) * 4));
  internal.add(shadow);
  const info: BufferInfo = { id, versions: new Int32Array(shadow), shadow };
  registry.set(buffer, info);
  let where: string | null = null;
  if (loc === -2) {
    where = r.boot.locations === 'off' ? null : captureCallerLocation();
    loc = where === null ? -1 : r.recorder.intern(where);
  }
  const display = name || `SharedArrayBuffer-${id}`;
  r.recorder.record(EventKind.OBJ_CREATE, id, ObjectKind.SHARED_BUFFER, r.recorder.intern(display), buffer.byteLength, loc);
  return info;
}

/** Takes a buffer another thread registered (received with its id and version words). */
export function adoptBuffer(buffer: SharedArrayBuffer, shadow: SharedArrayBuffer, id: number): void {
  if (registry.has(buffer)) return;
  internal.add(shadow);
  registry.set(buffer, { id, versions: new Int32Array(shadow), shadow });
}
