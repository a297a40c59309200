/**
 * The plain-program table: one SharedArrayBuffer of a run (RunMemory.plain) for what threads of
 * plain worker_threads programs share besides the control block.
 *
 * Int32 words:
 *   [THREAD_ROWS + pid * 2]      heartbeat: the run-clock millisecond when the thread's event
 *                                loop last ran its (unref'd) heartbeat timer, or 0 for never
 *   [THREAD_ROWS + pid * 2 + 1]  HeartbeatFlag bits from that heartbeat
 *   [CHANNEL_SEQS + slot]        the last message sequence number of channel `slot` (both ends
 *                                of a channel and every BroadcastChannel of one name add to it)
 *   [BROADCAST_NAMES + i * 3]    BroadcastChannel names, open addressing on a 32-bit hash of the
 *                                name: [hash | 0 for free, object id, channel slot]; the entry is
 *                                claimed by compare-and-swap on its hash word, and its id and slot
 *                                are written after (readers wait for them to be non-zero)
 *
 * Why a heartbeat: a thread whose event loop is idle (a main thread kept alive only by its
 * workers, a worker listening on parentPort) cannot be seen blocked in shared memory, but the
 * deadlock detector must know whether it could still wake anybody. Each tick says "my loop runs,
 * and what keeps it alive is only message ports" (or more: a timer, a socket, a file). A thread
 * busy in JavaScript does not tick, so its heartbeat goes stale.
 */
import { MAX_PROCESSES } from './control-block';

export const HeartbeatFlag = {
  /** The thread's event loop is kept alive by message ports / workers only: nothing but a
   *  message can make it run again (no timer, I/O or other handle is pending). */
  ONLY_PORTS: 1,
} as const;

/** How often a plain thread's heartbeat ticks, and when it counts as stale. */
export const HEARTBEAT_MS = 100;
/** Older than two ticks and a half: a thread busy in JavaScript through the detector's confirmation
 * time (300 ms) is never taken for idle. */
export const HEARTBEAT_STALE_MS = 250;

export const MAX_CHANNELS = 1 << 16;
export const BROADCAST_ENTRIES = 1024;

const THREAD_ROWS = 0;
const CHANNEL_SEQS = THREAD_ROWS + MAX_PROCESSES * 2;
const BROADCAST_NAMES = CHANNEL_SEQS + MAX_CHANNELS;
const WORDS = BROADCAST_NAMES + BROADCAST_ENTRIES * 3;

export function allocatePlainTable(): SharedArrayBuffer {
  return new SharedArrayBuffer(WORDS * 4);
}

/** A used table made as allocatePlainTable() makes a new one. */
export function resetPlainTable(buffer: SharedArrayBuffer): void {
  new Int32Array(buffer).fill(0);
}

export function heartbeatIndex(pid: number): number {
  return THREAD_ROWS + pid * 2;
}

export function heartbeatFlagsIndex(pid: number): number {
  return THREAD_ROWS + pid * 2 + 1;
}

export function channelSeqIndex(slot: number): number {
  return CHANNEL_SEQS + slot;
}

export function broadcastEntryIndex(entry: number): number {
  return BROADCAST_NAMES + entry * 3;
}

/** FNV-1a of a BroadcastChannel name, never 0 (0 marks a free entry). */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h === 0 ? 1 : h;
}
