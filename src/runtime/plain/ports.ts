/**
 * Messages of a plain program: every postMessage on a port that belongs to one of its channels
 * (a Worker's, parentPort, a MessageChannel's ports, a BroadcastChannel) is sent wrapped and
 * recorded as MSG_SEND; every delivery of a wrapped message is unwrapped and recorded as MSG_RECV
 * before any listener sees it.
 *
 * The one place every delivery passes is the MessagePort's hybrid dispatch (Node calls it for
 * each message a port takes, for `on('message')` and `onmessage` listeners alike, including a
 * Worker object's own port and a BroadcastChannel's). Node's own ports (a Worker's internal port,
 * its stdio) carry no channel: their messages are neither wrapped nor recorded.
 */
import type { BroadcastChannel, MessagePort } from 'node:worker_threads';
import { RealBroadcastChannel, RealMessageChannel, RealMessagePort, realReceiveMessageOnPort } from './real-threads';
import { captureCallerLocation } from '../locations';
import { rt } from '../context';
import { EventKind } from '../../shared/events';
import { isWrapped, setMessagePortClass, unwrap, wrap } from './message-wrap';
import { broadcastChannel, newChannel, nextSeq, portChannel, setPortChannel, type PortChannel } from './port-channels';
import { plainRecorder, recordReceive } from './record';
import { sampledLoc } from './sampled-location';

const kHybridDispatch = Symbol.for('nodejs.internal.kHybridDispatch');

type PostMessage = (this: unknown, value: unknown, transfer?: unknown) => void;
type Dispatch = (this: unknown, data: unknown, type: string, event: unknown) => unknown;

function transferOf(transfer: unknown): readonly unknown[] {
  if (Array.isArray(transfer)) return transfer;
  const list = (transfer as { transfer?: unknown } | null | undefined)?.transfer;
  return Array.isArray(list) ? list : [];
}

/**
 * Sends `value` on `channel` with `post` (the real postMessage, bound by the caller), wrapped. The
 * send is recorded before the post: a receiver that terminates the sender as soon as the message
 * arrives must not find the send missing from the trace (the sender killed between its post and
 * its record), and the arrow never starts after its receipt. A post that throws (data that cannot
 * be cloned) leaves its send recorded, received by nobody.
 */
export function sendOn(channel: PortChannel, post: (wrapped: unknown) => void, value: unknown, transfer: unknown): void {
  const seq = nextSeq(channel);
  const wrapped = wrap(value, transferOf(transfer), channel.obj, seq, rt().boot.pid);
  plainRecorder().record(EventKind.MSG_SEND, channel.obj, seq, channel.peer, 0, sampledLoc(channel));
  post(wrapped);
}

/** Unwraps a received message if it is one of ours (recording its receipt); else returns it. */
export function received(data: unknown): unknown {
  if (!isWrapped(data)) return data;
  const value = unwrap(data);
  recordReceive(data.c, data.s, data.p, -1);
  return value;
}

let installed = false;

export function installPorts(threads: Record<string, unknown>): void {
  if (installed) return;
  installed = true;
  setMessagePortClass(RealMessagePort);
  const proto = RealMessagePort.prototype as unknown as Record<PropertyKey, unknown>;
  const realPost = proto.postMessage as PostMessage;
  define(proto, 'postMessage', function postMessage(this: MessagePort, value: unknown, transfer?: unknown): void {
    const channel = portChannel(this);
    if (!channel || isWrapped(value)) return realPost.call(this, value, transfer);
    sendOn(channel, (wrapped) => realPost.call(this, wrapped, transfer), value, transfer);
  });
  const realDispatch = proto[kHybridDispatch] as Dispatch;
  define(proto, kHybridDispatch, function (this: unknown, data: unknown, type: string, event: unknown): unknown {
    return realDispatch.call(this, type === 'message' ? received(data) : data, type, event);
  });

  const bcProto = RealBroadcastChannel.prototype as unknown as Record<PropertyKey, unknown>;
  const realBroadcast = bcProto.postMessage as PostMessage;
  define(bcProto, 'postMessage', function postMessage(this: BroadcastChannel, value: unknown): void {
    let channel = portChannel(this);
    if (!channel) {
      // Throws as the real one does on a closed channel, before anything is recorded.
      if (arguments.length === 0) return (realBroadcast as (this: unknown) => void).call(this);
      channel = { ...broadcastChannel(String(this.name), -1), peer: -1 };
      setPortChannel(this, channel);
    }
    sendOn(channel, (wrapped) => realBroadcast.call(this, wrapped), value, undefined);
  });

  class MessageChannel extends RealMessageChannel {
    constructor() {
      super();
      const where = rt().boot.locations === 'off' ? null : captureCallerLocation();
      const loc = where === null ? -1 : rt().recorder.intern(where);
      const made = newChannel(`MessageChannel${where ? ` (${shortWhere(where)})` : ''}`, loc);
      const channel: PortChannel = { ...made, peer: -1 };
      setPortChannel(this.port1, channel);
      setPortChannel(this.port2, channel);
    }
  }
  Object.defineProperty(MessageChannel, 'name', { value: 'MessageChannel' });
  threads.MessageChannel = MessageChannel;
  (globalThis as Record<string, unknown>).MessageChannel = MessageChannel;
  threads.receiveMessageOnPort = function receiveMessageOnPort(port: MessagePort): { message: unknown } | undefined {
    const result = realReceiveMessageOnPort(port);
    return result && isWrapped(result.message) ? { message: received(result.message) } : result;
  };
}

function define(target: Record<PropertyKey, unknown>, key: PropertyKey, value: (...args: never[]) => unknown): void {
  const previous = Object.getOwnPropertyDescriptor(target, key);
  const original = previous?.value as { length?: number } | undefined;
  if (typeof key === 'string') Object.defineProperty(value, 'name', { value: key });
  if (original && typeof original.length === 'number') Object.defineProperty(value, 'length', { value: original.length });
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: previous?.enumerable ?? false });
}

function shortWhere(where: string): string {
  const parts = where.split(/[\\/]/);
  return (parts[parts.length - 1] ?? where).replace(/:\d+$/, '');
}
