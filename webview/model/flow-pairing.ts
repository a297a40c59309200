/**
 * Arrows that join two threads (lock release→acquire, queue put→get, pool submit→run and
 * end→result, message send→receive, Atomics.notify→woken). Across threads events do not arrive
 * in time order, so each end waits here for whichever end comes second.
 */
import type { EventStore } from './event-store';
import { FlowKind, type FlowStore } from './flows';

/** Events waiting for their partner, by object and sequence number. (Nested maps keep keys small
 *  integers, which V8 hashes far faster than obj·2^32 + seq doubles.) */
export class PairMap {
  private byObj = new Map<number, Map<number, number>>();
  private many = new Map<number, Map<number, number[]>>();

  set(obj: number, seq: number, ref: number): void {
    let m = this.byObj.get(obj);
    if (!m) this.byObj.set(obj, (m = new Map()));
    m.set(seq, ref);
  }

  /** The ref waiting at (obj, seq), left in place (a message with many receipts). */
  peek(obj: number, seq: number): number | undefined {
    return this.byObj.get(obj)?.get(seq);
  }

  /** Adds one more ref waiting at (obj, seq) (receipts of one message): taken back one by one. */
  add(obj: number, seq: number, ref: number): void {
    let m = this.many.get(obj);
    if (!m) this.many.set(obj, (m = new Map()));
    const list = m.get(seq);
    if (list) list.push(ref);
    else m.set(seq, [ref]);
  }

  /** Removes and returns the ref waiting at (obj, seq). */
  take(obj: number, seq: number): number | undefined {
    const list = this.many.get(obj)?.get(seq);
    if (list && list.length > 0) return list.pop();
    const m = this.byObj.get(obj);
    if (!m) return undefined;
    const ref = m.get(seq);
    if (ref !== undefined) m.delete(seq);
    return ref;
  }
}

export class FlowPairing {
  readonly releases = new PairMap();
  readonly waitedAcquires = new PairMap();
  readonly puts = new PairMap();
  readonly gets = new PairMap();
  readonly submits = new PairMap();
  readonly starts = new PairMap();
  readonly ends = new PairMap();
  readonly results = new PairMap();
  // Plain programs: message send → receive (a BroadcastChannel message has many receipts, so its
  // send stays until every receipt found it), and Atomics.notify → each waiter it woke, paired by
  // the version of the address the waiter saw (per buffer, address → version → ref).
  readonly sends = new PairMap();
  readonly receipts = new PairMap();
  readonly notifies = new Map<number, PairMap>();
  readonly wakes = new Map<number, PairMap>();

  constructor(private readonly store: EventStore, private readonly flows: FlowStore) {}

  /** Pairs a source with a destination event through two maps; returns the flow's start time
   *  (Infinity while the other end has not arrived). */
  pair(srcMap: PairMap, dstMap: PairMap, obj: number, seq: number, ref: number, isSource: boolean, kind: FlowKind, label: number): number {
    if (isSource) {
      const dst = dstMap.take(obj, seq);
      if (dst === undefined) { srcMap.set(obj, seq, ref); return Infinity; }
      return this.flow(ref, dst, kind, label);
    }
    const src = srcMap.take(obj, seq);
    if (src === undefined) { dstMap.set(obj, seq, ref); return Infinity; }
    return this.flow(src, ref, kind, label);
  }

  /** pair(), for pairings keyed by a buffer's address and a version (Atomics.notify → woken). */
  pairAt(srcMaps: Map<number, PairMap>, dstMaps: Map<number, PairMap>, obj: number, address: number, version: number, ref: number, isSource: boolean): number {
    let src = srcMaps.get(obj);
    if (!src) srcMaps.set(obj, (src = new PairMap()));
    let dst = dstMaps.get(obj);
    if (!dst) dstMaps.set(obj, (dst = new PairMap()));
    // The waiter reads the version after it wakes, which is the notify's own when nothing else
    // wrote that address in between; a later one leaves the wake without an arrow.
    return this.pair(src, dst, address, version, ref, isSource, FlowKind.LOCK, version);
  }

  /** Records the arrow srcRef → dstRef; returns its start time. */
  flow(srcRef: number, dstRef: number, kind: FlowKind, label: number): number {
    const s = this.store;
    const srcT = s.slot(srcRef, 0);
    this.flows.push(srcT, s.slot(dstRef, 0), s.slot(srcRef, 2), s.slot(dstRef, 2), kind, label, srcRef, dstRef);
    return srcT;
  }
}
