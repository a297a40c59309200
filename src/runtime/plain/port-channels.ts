/**
 * Which channel each message port of a plain program belongs to: its object id in the trace, its
 * sequence slot in the plain table, and the pid at its other end when that is known (a Worker's
 * and its parentPort's). A port learns its channel when it is made (MessageChannel, Worker,
 * BroadcastChannel) or when it arrives in a message (message-wrap.ts).
 */
import { CTRL_NEXT_CHANNEL } from '../../shared/control-block';
import { EventKind, ObjectKind } from '../../shared/events';
import { BROADCAST_ENTRIES, MAX_CHANNELS, broadcastEntryIndex, channelSeqIndex, nameHash } from '../../shared/plain-table';
import { nextObjectId, rt } from '../context';

export interface PortChannel {
  obj: number;
  /** Sequence slot, or -1 when the table is full (messages are then numbered per port). */
  slot: number;
  /** The pid at the other end, or -1. */
  peer: number;
}

const channels = new WeakMap<object, PortChannel>();

export function portChannel(port: object): PortChannel | undefined {
  return channels.get(port);
}

export function setPortChannel(port: object, channel: PortChannel): void {
  channels.set(port, channel);
}

/** A new channel: an object in the trace named `name`, made at `loc`. */
export function newChannel(name: string, loc: number, kind: number = ObjectKind.CHANNEL): { obj: number; slot: number } {
  const r = rt();
  const obj = nextObjectId();
  const next = Atomics.add(r.control, CTRL_NEXT_CHANNEL, 1);
  const slot = next < MAX_CHANNELS ? next : -1;
  r.recorder.record(EventKind.OBJ_CREATE, obj, kind, r.recorder.intern(name), 0, loc);
  return { obj, slot };
}

const localSeq = new WeakMap<PortChannel, number>();

/** The next message number on a channel (1, 2, ... across both ends and every thread). */
export function nextSeq(channel: PortChannel): number {
  if (channel.slot >= 0) return Atomics.add(rt().plain, channelSeqIndex(channel.slot), 1) + 1;
  const n = (localSeq.get(channel) ?? 0) + 1;
  localSeq.set(channel, n);
  return n;
}

/**
 * The channel of every BroadcastChannel named `name` (one per name in the whole run): claimed in
 * the plain table's name hash by the first thread to use the name.
 */
export function broadcastChannel(name: string, loc: number): { obj: number; slot: number } {
  const table = rt().plain;
  const hash = nameHash(name);
  for (let probe = 0; probe < BROADCAST_ENTRIES; probe++) {
    const at = broadcastEntryIndex((hash + probe) & (BROADCAST_ENTRIES - 1));
    const seen = Atomics.compareExchange(table, at, 0, hash);
    if (seen === 0) {
      const made = newChannel(`BroadcastChannel '${name}'`, loc, ObjectKind.BROADCAST_CHANNEL);
      Atomics.store(table, at + 2, made.slot);
      Atomics.store(table, at + 1, made.obj);
      return made;
    }
    if (seen !== hash) continue;
    // Another thread claimed the name: its id is written just after the claim.
    while (Atomics.load(table, at + 1) === 0) Atomics.wait(table, at + 1, 0, 1);
    return { obj: Atomics.load(table, at + 1), slot: Atomics.load(table, at + 2) };
  }
  return newChannel(`BroadcastChannel '${name}'`, loc, ObjectKind.BROADCAST_CHANNEL);
}
