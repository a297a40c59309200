/**
 * How analysis divides a plain program's shared buffer into locations ("cells"): each buffer gets
 * the largest cell size (1, 2, 4 or 8 bytes) that every access to it is aligned to and spans whole,
 * so an Int32Array's elements are 4-byte cells (one cell per access, as for an Interleave Array)
 * while a buffer also read byte by byte is cut into 1-byte cells. An access covers the cells of its
 * bytes: two threads writing neighbouring bytes never touch one cell (no false race), and views of
 * one buffer that overlap share their cells (a race across views is found).
 *
 * Versions are the runtime's, per 8-byte granule (runtime/plain/buffers.ts); lost-update analysis
 * recounts them per cell (see shared-buffer-updates.ts).
 */
import { EventKind, accessSize } from '../shared/events';

/** A ranged access (fill, set, ...) is checked over at most this many cells. */
export const MAX_RANGE_CELLS = 1 << 16;

export class SharedBufferCells {
  /** Per buffer: every address and size OR-ed together (its lowest set bit is the cell size). */
  private readonly alignment = new Map<number, number>();
  /** Per buffer: the end of its highest accessed byte. */
  private readonly ends = new Map<number, number>();
  /** Buffers some Atomics operation touched (their granules order the causal walk). */
  readonly withAtomics = new Set<number>();

  /** Takes in one record of a shared-buffer kind (in the model's first pass). */
  note(kind: number, obj: number, address: number, b: number, c: number): void {
    const size = kind === EventKind.SHM_RANGE_READ || kind === EventKind.SHM_RANGE_WRITE ? b : accessSize(c);
    if (!(size > 0) || !(address >= 0) || !Number.isInteger(address)) return;
    this.alignment.set(obj, (this.alignment.get(obj) ?? 0) | (address % 8) | (size % 8) | 8);
    const end = address + size;
    if (end > (this.ends.get(obj) ?? 0)) this.ends.set(obj, end);
    if (kind === EventKind.ATOMIC || kind === EventKind.ATOMIC_NOTIFY) this.withAtomics.add(obj);
  }

  /** The cell size of a buffer: 1, 2, 4 or 8 bytes. */
  cellSize(obj: number): number {
    const bits = this.alignment.get(obj) ?? 8;
    return bits & -bits;
  }

  /** How many cells a buffer's accesses reach (its highest accessed cell + 1), or 0. */
  cellCount(obj: number): number {
    const end = this.ends.get(obj) ?? 0;
    return Math.ceil(end / this.cellSize(obj));
  }

  buffers(): IterableIterator<number> {
    return this.ends.keys();
  }
}

/** The bytes a shared-buffer record covers: [address, address + size). */
export function accessBytes(kind: number, b: number, c: number): number {
  return kind === EventKind.SHM_RANGE_READ || kind === EventKind.SHM_RANGE_WRITE ? b : accessSize(c);
}

export function isSharedAccess(kind: number): boolean {
  return kind >= EventKind.SHM_READ && kind <= EventKind.SHM_RANGE_WRITE && kind !== EventKind.MSG_SEND &&
    kind !== EventKind.MSG_RECV && kind !== EventKind.WORKER_ERROR;
}
