/**
 * Queue flows: for every get, the put that made its item (matched by the queue's item sequence
 * number), and a FIFO check. Plain programs' message channels are queues too: a postMessage is a
 * put, a delivery a get (a BroadcastChannel message is delivered to every other channel object). A multiprocessing Queue is FIFO when every producer's items get
 * increasing sequence numbers and every consumer receives increasing sequence numbers, each item
 * once (a second get of one item breaks its consumer's order or finds no put). (Comparing get times across consumers would be wrong: a get is recorded after the item is
 * taken, so two consumers' records can swap.)
 */
import { RECORD_SLOTS, Slot } from '../shared/events';
import type { QueueFlow } from './report';

export interface QueueCounters {
  puts: number;
  gets: number;
  outOfOrder: number;
}

export class QueueFlows {
  readonly flows: QueueFlow[] = [];
  readonly byQueue = new Map<number, QueueCounters>();
  /** Per queue: item sequence number → the record of its put (not yet received). */
  private readonly puts = new Map<number, Map<number, number>>();
  /** Last sequence number per (queue, pid) put and got, keyed by pairKey. */
  private readonly lastPut = new Map<number, number>();
  private readonly lastGot = new Map<number, number>();

  constructor(
    private readonly events: Float64Array,
    private readonly queueName: (obj: number) => string,
    /** Queues whose items are received more than once (a BroadcastChannel's messages). */
    private readonly manyReceivers: (obj: number) => boolean = () => false,
  ) {}

  put(queue: number, seq: number, pid: number, record: number): void {
    const c = this.counters(queue);
    c.puts++;
    let items = this.puts.get(queue);
    if (!items) { items = new Map(); this.puts.set(queue, items); }
    items.set(seq, record);
    const key = pairKey(queue, pid);
    const last = this.lastPut.get(key);
    if (last !== undefined && seq <= last) c.outOfOrder++;
    this.lastPut.set(key, seq);
  }

  get(queue: number, seq: number, producerPid: number, pid: number, record: number, timeMs: number): void {
    const c = this.counters(queue);
    c.gets++;
    const items = this.puts.get(queue);
    const put = items?.get(seq);
    if (items && put !== undefined && !this.manyReceivers(queue)) items.delete(seq);
    this.flows.push({
      queue: this.queueName(queue),
      queueId: queue,
      seq,
      producerPid: put !== undefined ? this.events[put * RECORD_SLOTS + Slot.thread] : producerPid,
      consumerPid: pid,
      putRecord: put ?? null,
      getRecord: record,
      putMs: put !== undefined ? this.events[put * RECORD_SLOTS + Slot.time] : null,
      getMs: timeMs,
    });
    const key = pairKey(queue, pid);
    const last = this.lastGot.get(key);
    if (last !== undefined && seq <= last) c.outOfOrder++;
    this.lastGot.set(key, seq);
  }

  counters(queue: number): QueueCounters {
    let c = this.byQueue.get(queue);
    if (!c) {
      c = { puts: 0, gets: 0, outOfOrder: 0 };
      this.byQueue.set(queue, c);
    }
    return c;
  }
}

function pairKey(queue: number, pid: number): number {
  return queue * 1048576 + pid;
}
