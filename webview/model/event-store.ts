/**
 * Every event of the trace, kept as the float64 chunks it arrived in (no copy): a whole trace
 * file is one chunk, each live batch another. An event's index ("ref") is its position in arrival
 * order; `slot(ref, Slot.x)` reads one field.
 */
import { RECORD_SLOTS } from '../../src/shared/events';

export class EventStore {
  private chunks: Float64Array[] = [];
  /** First ref of each chunk. */
  private firsts: number[] = [];
  count = 0;

  /** Adds a chunk; returns the ref of its first event. */
  append(events: Float64Array): number {
    const first = this.count;
    if (events.length === 0) return first;
    this.chunks.push(events);
    this.firsts.push(first);
    this.count += events.length / RECORD_SLOTS;
    return first;
  }

  private chunkOf(ref: number): number {
    let lo = 0;
    let hi = this.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firsts[mid] <= ref) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  slot(ref: number, slot: number): number {
    const c = this.chunkOf(ref);
    return this.chunks[c][(ref - this.firsts[c]) * RECORD_SLOTS + slot];
  }

  /** The 8 slots of one event, as a new array (for detail views, not for loops). */
  record(ref: number): number[] {
    const c = this.chunkOf(ref);
    const base = (ref - this.firsts[c]) * RECORD_SLOTS;
    return Array.from(this.chunks[c].subarray(base, base + RECORD_SLOTS));
  }
}
