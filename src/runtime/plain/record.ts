/**
 * How a plain program's operations are recorded: one small function per event kind, every one
 * through the thread's Recorder. This is the one place a controlled scheduler hooks to make each
 * shared access, Atomics operation and message a scheduling point (see recorder.ts).
 *
 * Shared accesses take recordCheap (a recent time, not a fresh clock reading): their memory order
 * is in their versions (see memory.ts), and a clock read would cost more than the access.
 */
import { AtomicOp, EventKind, packAccess } from '../../shared/events';
import type { Recorder } from '../recorder';

let recorder: Recorder;

export function setPlainRecorder(r: Recorder): void {
  recorder = r;
}

export function plainRecorder(): Recorder {
  return recorder;
}

export function recordRead(buffer: number, address: number, value: number, version: number, size: number, loc: number): void {
  recorder.recordCheap(EventKind.SHM_READ, buffer, address, value, packAccess(version, 0, size), loc);
}

export function recordWrite(buffer: number, address: number, value: number, versionBefore: number, size: number, loc: number): void {
  recorder.recordCheap(EventKind.SHM_WRITE, buffer, address, value, packAccess(versionBefore, 0, size), loc);
}

export function recordRange(write: boolean, buffer: number, address: number, length: number, loc: number): void {
  recorder.recordCheap(write ? EventKind.SHM_RANGE_WRITE : EventKind.SHM_RANGE_READ, buffer, address, length, 0, loc);
}

/** Atomics operations read the clock: they order threads, and are far rarer than plain accesses. */
export function recordAtomic(buffer: number, address: number, value: number, version: number, op: number, size: number, loc: number): void {
  recorder.record(EventKind.ATOMIC, buffer, address, value, packAccess(version, op, size), loc);
}

export function recordNotify(buffer: number, address: number, woken: number, versionBefore: number, loc: number): void {
  recorder.record(EventKind.ATOMIC_NOTIFY, buffer, address, woken, packAccess(versionBefore, AtomicOp.NOTIFY, 4), loc);
}

export function recordSend(channel: number, seq: number, receiverPid: number, loc: number): void {
  recorder.record(EventKind.MSG_SEND, channel, seq, receiverPid, 0, loc);
}

export function recordReceive(channel: number, seq: number, senderPid: number, loc: number): void {
  recorder.record(EventKind.MSG_RECV, channel, seq, senderPid, 0, loc);
}

export function recordWorkerError(pid: number, handled: boolean, message: string, loc: number): void {
  recorder.record(EventKind.WORKER_ERROR, pid, handled ? 1 : 0, recorder.intern(message), 0, loc);
}
