/**
 * The report: what `interleave report --json` prints, what the extension shows and what the
 * webview draws. The first fields are the contract of docs/report-json.md and keep their names
 * and shapes exactly; everything after `dropped` is additional detail, linked to findings by their
 * index in `findings` and to events by record index (the position of a record in
 * `ParsedTrace.events`, in file order: record i occupies slots [i * 8, i * 8 + 8)).
 */
import type { RunResult } from '../shared/trace-file';

import type { Finding, LockSummary, QueueSummary, ReportProcess, SourceLocation } from '../shared/report-contract';

export type { Finding, FindingKind, LockSummary, QueueSummary, ReportProcess } from '../shared/report-contract';
export type ReportLocation = SourceLocation;

/** One access of a race pair. */
export interface RaceAccess {
  process: string;
  pid: number;
  write: boolean;
  record: number;
  timeMs: number;
  location: ReportLocation | null;
}

/** Detail of a data-race finding: one pair of source locations on one object. */
export interface RaceDetail {
  finding: number;
  object: string;
  objectId: number;
  /** Indices (0 for a Value) where the pair raced; at most 32 are listed. */
  indices: number[];
  /** How many racing access pairs were seen between these two source locations. */
  count: number;
  /** The first pair seen: `first` came earlier in the trace. */
  first: RaceAccess;
  second: RaceAccess;
}

/** One write that overwrote other workers' writes made after this worker's read. */
export interface LostUpdate {
  objectId: number;
  index: number;
  pid: number;
  /** The read whose value the write was computed from, and the write. */
  readRecord: number;
  writeRecord: number;
  /** How many other writes the write overwrote (its version gap). */
  lost: number;
  /** The last of the overwritten writes. */
  overwrittenRecord: number | null;
  overwrittenPid: number | null;
  /** The data-race finding of this read-modify-write, when there is one. */
  raceFinding: number | null;
}

export interface LostUpdateSummary {
  finding: number;
  object: string;
  objectId: number;
  /** Writes computed from the same worker's read of the location. */
  readModifyWrites: number;
  /** Of those, how many updates reached memory: readModifyWrites - lost. */
  arrived: number;
  lost: number;
  /** The common difference written - read of the read-modify-writes (1 for increments), or null. */
  step: number | null;
  /** The first lost updates (at most 1000). */
  updates: LostUpdate[];
}

/** One edge of a lock-order cycle: `process` took `to` while holding `from`. */
export interface LockOrderEdge {
  from: string;
  to: string;
  process: string;
  pid: number;
  /** Where `from` and then `to` were acquired. */
  fromLocation: ReportLocation | null;
  toLocation: ReportLocation | null;
  record: number;
}

export interface LockOrderDetail {
  finding: number;
  cycle: LockOrderEdge[];
}

/** One wait of a deadlock: who waits on what, and who holds it (null when nobody can be named,
 *  e.g. a Queue nobody will feed). */
export interface DeadlockWait {
  waiter: string;
  waiterPid: number;
  object: string;
  holder: string | null;
  holderPid: number | null;
  waitLocation: ReportLocation | null;
  holdLocation: ReportLocation | null;
}

export interface DeadlockDetail {
  finding: number;
  /** 'runner': the live detector's cycle; 'trace': a cycle of waits open at the end of the trace;
   *  'stalled': the runner found every process blocked, without a cycle to name. */
  source: 'runner' | 'trace' | 'stalled';
  waits: DeadlockWait[];
}

/** A queue item's trip: the put that made it and the get that received it. */
export interface QueueFlow {
  queue: string;
  queueId: number;
  seq: number;
  producerPid: number;
  consumerPid: number;
  putRecord: number | null;
  getRecord: number;
  putMs: number | null;
  getMs: number;
}

/** Who unblocked whom: the release-like event that ended a wait, for the timeline's arrows. */
export interface Wakeup {
  kind: 'lock' | 'event' | 'condition' | 'barrier' | 'join';
  /** The object waited on, or the joined process's pid for 'join'. */
  objectId: number;
  object: string;
  fromPid: number;
  toPid: number;
  fromRecord: number;
  toRecord: number;
}

/** One Pool task (a chunk of items): submitted → started → ended → result received. */
export interface TaskFlow {
  poolId: number;
  pool: string;
  task: number;
  items: number;
  callerPid: number;
  workerPid: number | null;
  submitRecord: number;
  startRecord: number | null;
  endRecord: number | null;
  resultRecord: number | null;
  /** Whether the task's function returned (false: it threw), null until it ended. */
  ok: boolean | null;
}

export interface QueueDetail {
  name: string;
  id: number;
  puts: number;
  gets: number;
  /** Items put and never taken. */
  unconsumed: number;
  /** Every producer's items were put, and every consumer's received, in increasing sequence. */
  fifo: boolean;
  /** Gets that broke that order, or received an item twice. */
  outOfOrder: number;
}

export interface LockDetail extends LockSummary {
  id: number;
  kind: string;
  failed: number;
  maxWaitMs: number;
}

export interface BlockedTime {
  reason: string;
  /** The object (or, for a join, the process) waited on; '' for none. */
  on: string;
  ms: number;
  count: number;
}

export interface WorkerTime {
  name: string;
  pid: number;
  startMs: number;
  endMs: number;
  runningMs: number;
  blockedMs: number;
  sleepingMs: number;
  blockedOn: BlockedTime[];
}

/** Average number of workers in each state per time bucket. */
export interface Utilization {
  startMs: number;
  bucketMs: number;
  cpuCount: number;
  running: number[];
  blocked: number[];
  sleeping: number[];
}

export interface Report {
  result: RunResult;
  processes: ReportProcess[];
  findings: Finding[];
  queues: QueueSummary[];
  locks: LockSummary[];
  events: number;
  dropped: number;

  /** Additional detail (not part of the frozen contract, but stable within a schema version). */
  durationMs: number;
  /** The trace ended inside a chunk: the run was cut short while writing. */
  truncated: boolean;
  races: RaceDetail[];
  lostUpdates: LostUpdateSummary[];
  lockOrder: LockOrderDetail[];
  deadlocks: DeadlockDetail[];
  flows: QueueFlow[];
  wakeups: Wakeup[];
  tasks: TaskFlow[];
  queueDetails: QueueDetail[];
  lockDetails: LockDetail[];
  perWorker: WorkerTime[];
  utilization: Utilization;
}
