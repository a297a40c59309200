/**
 * The Interleave event schema: the one typed vocabulary shared by every room.
 *
 * An event is a fixed-size record of RECORD_SLOTS float64 slots. Fixed size keeps the recorder
 * branch-free (one Float64Array write per slot), lets the supervisor copy whole rings with one
 * `set`, and lets analysis and the webview walk a trace as a flat typed array.
 *
 * Slot layout (every kind):
 *   [0] time    milliseconds since the run's epoch, from the shared monotonic clock (see clock.ts)
 *   [1] kind    an EventKind below
 *   [2] thread  the process id (0 = MainProcess; Process and Pool workers count up from 1)
 *   [3] obj     the object the event is about (an object id from OBJ_CREATE, a process id for
 *               lifecycle kinds), or -1
 *   [4] a, [5] b, [6] c   kind-specific arguments, documented per kind below
 *   [7] loc     a string id holding "file:line:col" of the user's call, or -1 when not captured
 *
 * Strings (names, locations, error messages, marker labels) are interned: a STRING record whose
 * UTF-16 code units follow in continuation records of the same ring, so a string always reaches
 * the supervisor before the first event that uses it.
 *
 * Versions: bump SCHEMA_VERSION whenever a kind's meaning or slot use changes. Readers refuse a
 * trace whose major version they do not know.
 */

export const SCHEMA_VERSION = 1;
export const RECORD_SLOTS = 8;
export const RECORD_BYTES = RECORD_SLOTS * 8;

export const Slot = {
  time: 0,
  kind: 1,
  thread: 2,
  obj: 3,
  a: 4,
  b: 5,
  c: 6,
  loc: 7,
} as const;

/** What an event records. Numbers are part of the file format: never renumber, only append. */
export const EventKind = {
  /** a = string id, b = length in UTF-16 code units; ceil(b / 32) continuation records follow. */
  STRING: 1,
  /** Ring overflow: a = how many events this thread dropped since its last DROPPED record. */
  DROPPED: 2,
  /** A shared object was made. obj = object id, a = ObjectKind, b = name string id, c = size. */
  OBJ_CREATE: 3,

  /** Parent called start(). obj = child pid, a = child name string id, b = target string id. */
  PROC_START: 10,
  /** First event of a process, on its own thread. obj = own pid, a = parent pid. */
  PROC_BEGIN: 11,
  /** A process ended. obj = pid, a = exit code, b = error message string id or -1,
   *  c = ExitCause. (Other negative string ids are the supervisor's own strings, for exits it
   *  observed itself: terminate, out of memory, process.exit.) */
  PROC_EXIT: 12,
  /** join() returned. obj = joined pid, a = 1 if the child had exited, 0 on timeout. */
  PROC_JOINED: 13,
  /** terminate() called. obj = target pid. */
  PROC_TERMINATE: 14,

  /** A blocking call started waiting. obj = what it waits on (a pid for BlockReason.JOIN, -1 for
   *  SLEEP), a = BlockReason, b = timeout in ms or -1 for an untimed wait. */
  BLOCK: 20,
  /** The wait ended. obj = same, a = BlockReason, b = 1 satisfied / 0 timed out or failed. */
  UNBLOCK: 21,

  /** acquire() called. obj = lock. */
  LOCK_REQUEST: 30,
  /** Acquired. obj = lock. a = for Lock/RLock the acquisition sequence number (1, 2, ...); for
   *  Semaphore/BoundedSemaphore the number of releases seen when the permit was taken.
   *  b = 1 if it had to wait, c = recursion depth after (RLock) or permits left (Semaphore). */
  LOCK_ACQUIRED: 31,
  /** Released. obj = lock, a = for Lock/RLock the acquisition it ends; for a semaphore the total
   *  releases after this one. b = 1 if waiters were present, c = recursion depth / permits after. */
  LOCK_RELEASED: 32,
  /** A non-blocking or timed acquire gave up. obj = lock. */
  LOCK_FAILED: 33,

  /** A shared read. obj = Value/Array, a = index, b = value read (bigint as number),
   *  c = version of the location seen (the count of writes to it before this read). */
  READ: 40,
  /** A shared write. obj, a = index, b = value written, c = version before this write. The
   *  location's version after it is c + 1; a gap between a thread's read and its write of one
   *  location means another thread wrote in between. */
  WRITE: 41,

  /** put() completed. obj = queue, a = item sequence number (1, 2, ... per queue),
   *  b = serialized bytes. Stamped with the time the item became visible (taken under the
   *  channel's mutex, before any getter can take it), so never later than its QUEUE_GET; the
   *  record itself is written after put() returns. Match puts and gets by sequence number. */
  QUEUE_PUT: 50,
  /** get() returned. obj = queue, a = item sequence number, b = producer pid. */
  QUEUE_GET: 51,
  /** close(). obj = queue. */
  QUEUE_CLOSE: 52,

  /** Event.set(). obj, a = generation after. */
  EVENT_SET: 60,
  /** Event.clear(). obj, a = generation. */
  EVENT_CLEAR: 61,
  /** Event.wait() returned. obj, a = generation seen, b = flag returned (1/0). */
  EVENT_WAITED: 62,
  /** Condition.notify(n). obj = condition, a = notify sequence after, b = n. */
  COND_NOTIFY: 63,
  /** Condition.wait() woke. obj, a = notify sequence that woke it or -1 on timeout. */
  COND_WOKEN: 64,
  /** Barrier arrival. obj, a = generation, b = arrival index. */
  BARRIER_ARRIVE: 65,
  /** Barrier departure. obj, a = generation, b = 1 passed / 0 broken. */
  BARRIER_LEAVE: 66,

  /** A chunk of work was submitted. obj = pool, a = task id, b = items, c = first item index. */
  TASK_SUBMIT: 70,
  /** A pool worker started a task. obj = pool, a = task id. */
  TASK_START: 71,
  /** A pool worker finished a task. obj = pool, a = task id, b = 1 ok / 0 threw. */
  TASK_END: 72,
  /** The caller received a task's result. obj = pool, a = task id. */
  TASK_RESULT: 73,

  /** mark(label). a = label string id. */
  MARK: 80,
  /** span(label) began. a = label string id. */
  SPAN_BEGIN: 81,
  /** span ended. a = label string id. */
  SPAN_END: 82,
  /** Reserved: sleep(ms) is recorded as BLOCK/UNBLOCK with BlockReason.SLEEP (b = ms). */
  SLEEP: 83,

  /** Which CPU a thread ran on. a = cpu number or -1, b = OS state char code ('R', 'S', ...),
   *  c = OS thread id. Written by the thread itself at lifecycle events and by the supervisor's
   *  sampler; the sampler's records reach the trace late, out of their thread's time order. */
  CPU: 90,

  // Plain worker_threads programs (100–129): memory of SharedArrayBuffers, Atomics and messages,
  // recorded without the Interleave API (see src/runtime/plain/). A shared buffer is one object
  // (ObjectKind.SHARED_BUFFER) wherever it arrives; its accesses name a byte address.
  /** A read through a typed array or DataView over a SharedArrayBuffer. obj = buffer,
   *  a = byte address, b = value read (bigint as number), c = packAccess(version, 0, size): the
   *  version is the count of writes to the address's 8-byte granule before this read (see
   *  runtime/plain/memory.ts), so analysis can put a granule's accesses in memory order. */
  SHM_READ: 100,
  /** A write to a shared buffer. obj, a = byte address, b = value written, c = packAccess(version
   *  before this write, 0, size). */
  SHM_WRITE: 101,
  /** An Atomics operation on a shared buffer. obj, a = byte address, b = the value it read (its
   *  result: the old value of a read-modify-write) or, for a store, the value stored,
   *  c = packAccess(version, AtomicOp, size): for operations that write (store, read-modify-write,
   *  a compareExchange that swapped, notify) the version before, else the version read. Every
   *  Atomics operation is sequentially consistent: a release and an acquire on its address. */
  ATOMIC: 102,
  /** Atomics.notify. obj = buffer, a = byte address, b = threads woken, c = packAccess(version
   *  before, AtomicOp.NOTIFY, 4). Woken waiters record BLOCK/UNBLOCK (BlockReason.ATOMICS_WAIT). */
  ATOMIC_NOTIFY: 103,
  /** postMessage on a Worker, parentPort, MessagePort or BroadcastChannel. obj = channel,
   *  a = message sequence number (1, 2, ... per channel, both directions counted together),
   *  b = the receiving end's pid when known (a Worker's or its parent's), else -1. */
  MSG_SEND: 104,
  /** A message delivered to a listener (or taken by receiveMessageOnPort). obj = channel,
   *  a = sequence number, b = sender pid. A BroadcastChannel message is delivered once per
   *  listening channel object, each its own MSG_RECV. */
  MSG_RECV: 105,
  /** An 'error' event on a Worker object, in its parent: obj = the worker's pid, a = 1 when the
   *  program listened for it (handled: drawn, not a failure), 0 when not, b = message string id. */
  WORKER_ERROR: 106,
  /** A bulk read of a shared buffer (typed-array methods such as slice, indexOf, join; copying a
   *  view). obj, a = byte address, b = byte length, c = packAccess(0, 0, 0). No version: a range
   *  read is checked for races, not for lost updates. */
  SHM_RANGE_READ: 107,
  /** A bulk write (fill, set, copyWithin, sort, reverse). obj, a = byte address, b = byte length. */
  SHM_RANGE_WRITE: 108,

  // Controlled scheduling (130–139): written by the supervisor's scheduler (src/runner/sched/).
  /** A choice point: more than one thread could move, and `thread` was let go. obj = -1,
   *  a = the decision's index in the run (0, 1, ...), b = how many threads could move,
   *  c = the pids that could move as a bit mask (pids below 52; else -1). */
  SCHED_DECISION: 130,
  /** Virtual time moved: no thread could move, so the earliest timed wait or sleep ended.
   *  thread = the waiter let go, a = the virtual time now (ms since the run began). */
  SCHED_TIME: 131,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** What kind of shared object an OBJ_CREATE introduces. Numbers are part of the format. */
export const ObjectKind = {
  VALUE: 1,
  ARRAY: 2,
  LOCK: 3,
  RLOCK: 4,
  SEMAPHORE: 5,
  BOUNDED_SEMAPHORE: 6,
  EVENT: 7,
  CONDITION: 8,
  BARRIER: 9,
  QUEUE: 10,
  POOL: 11,
  /** A SharedArrayBuffer of a plain program (size = byteLength). */
  SHARED_BUFFER: 12,
  /** A message channel: a Worker and its parentPort, or a MessageChannel's two ports. */
  CHANNEL: 13,
  /** A BroadcastChannel name: every BroadcastChannel object of that name, in every thread. */
  BROADCAST_CHANNEL: 14,
} as const;
export type ObjectKind = (typeof ObjectKind)[keyof typeof ObjectKind];

/** Why a thread is blocked. Numbers are part of the format. */
export const BlockReason = {
  LOCK: 1,
  JOIN: 2,
  QUEUE_GET: 3,
  QUEUE_PUT: 4,
  SLEEP: 5,
  EVENT: 6,
  CONDITION: 7,
  BARRIER: 8,
  POOL: 9,
  SEMAPHORE: 10,
  /** Atomics.wait on a shared buffer: obj = buffer, and BLOCK's c = the byte address. */
  ATOMICS_WAIT: 11,
  /** Atomics.waitAsync: the thread may run on, but this wait is pending (drawn as waiting). */
  ATOMICS_WAIT_ASYNC: 12,
} as const;
export type BlockReason = (typeof BlockReason)[keyof typeof BlockReason];

/** How a process ended (PROC_EXIT c). */
export const ExitCause = {
  RETURNED: 0,
  THREW: 1,
  TERMINATED: 2,
  /** process.exit() or the worker stopped without reporting (e.g. out of memory). */
  EXITED: 3,
  /** Stopped by the supervisor: timeout, deadlock or the user's Stop. */
  STOPPED: 4,
} as const;
export type ExitCause = (typeof ExitCause)[keyof typeof ExitCause];

/** Which Atomics operation an ATOMIC record is (packed into its c slot). */
export const AtomicOp = {
  LOAD: 0,
  STORE: 1,
  ADD: 2,
  SUB: 3,
  AND: 4,
  OR: 5,
  XOR: 6,
  EXCHANGE: 7,
  /** compareExchange that swapped (a read-modify-write) ... */
  CAS: 8,
  /** ... and one that did not (a load). */
  CAS_FAILED: 9,
  /** Atomics.wait found a different value and returned 'not-equal' at once (a load). */
  WAIT_NOT_EQUAL: 10,
  /** A wait ended by a notify ('ok'): an acquire of the address, after the notify's release. */
  WOKEN: 11,
  NOTIFY: 12,
} as const;
export type AtomicOp = (typeof AtomicOp)[keyof typeof AtomicOp];

/** Whether an AtomicOp writes (takes a version of its address) rather than only reading it. */
export function atomicOpWrites(op: number): boolean {
  return op !== AtomicOp.LOAD && op !== AtomicOp.CAS_FAILED && op !== AtomicOp.WAIT_NOT_EQUAL && op !== AtomicOp.WOKEN;
}

/**
 * The c slot of a shared-buffer access: version * 64 + op * 4 + log2(size). Exact in a float64
 * for versions below 2^47; size is 1, 2, 4 or 8 bytes (0 for a range record).
 */
export function packAccess(version: number, op: number, size: number): number {
  return version * 64 + op * 4 + (size === 8 ? 3 : size === 4 ? 2 : size === 2 ? 1 : 0);
}
export function accessVersion(c: number): number {
  return Math.floor(c / 64);
}
export function accessOp(c: number): number {
  return Math.floor(c / 4) & 15;
}
export function accessSize(c: number): number {
  return 1 << (c & 3);
}

const kindNames = new Map<number, string>(
  Object.entries(EventKind).map(([name, id]) => [id, name.toLowerCase().replace(/_/g, '-')]),
);
const objectKindNames = new Map<number, string>(
  Object.entries(ObjectKind).map(([name, id]) => [id, name.toLowerCase().replace(/_/g, '-')]),
);
const blockReasonNames = new Map<number, string>(
  Object.entries(BlockReason).map(([name, id]) => [id, name.toLowerCase().replace(/_/g, '-')]),
);

export function eventKindName(kind: number): string {
  return kindNames.get(kind) ?? `unknown-${kind}`;
}
export function objectKindName(kind: number): string {
  return objectKindNames.get(kind) ?? `unknown-${kind}`;
}
export function blockReasonName(reason: number): string {
  return blockReasonNames.get(reason) ?? `unknown-${reason}`;
}

/** UTF-16 code units a continuation record carries: RECORD_BYTES / 2. */
export const STRING_UNITS_PER_RECORD = RECORD_BYTES / 2;
/** Longer strings are cut, so one string can never fill a ring. */
export const MAX_STRING_UNITS = 4096;
