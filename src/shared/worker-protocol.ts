/**
 * What crosses between the supervisor and the run's worker threads, other than events (which go
 * through the rings). These messages are rare: one per process started or ended.
 */

export type LocationMode = 'all' | 'sampled' | 'off';

/** 'thread': a Worker a plain worker_threads program created itself (see runtime/plain/). */
export type WorkerRole = 'main' | 'process' | 'pool' | 'thread';

/** A function named by the module that exports it (file: URL) and its export name. */
export interface ExportRef {
  url: string;
  name: string;
}

/** The shared memory every thread of a run maps. */
export interface RunMemory {
  control: SharedArrayBuffer;
  heap: SharedArrayBuffer;
  doorbell: SharedArrayBuffer;
  /** What threads of plain programs share: heartbeats, channel sequence numbers (plain-table.ts). */
  plain: SharedArrayBuffer;
  /** Under a controlled scheduler only: the scheduling table (sched-table.ts). */
  sched?: SharedArrayBuffer;
}

/** A message channel of a plain program: its object id and its sequence slot (plain-table.ts). */
export interface ChannelRef {
  obj: number;
  slot: number;
}

/** How a thread a plain program created (`new Worker`) starts: what its bootstrap needs. */
export interface ThreadSpec {
  /** Absolute path of the worker's script, or its code for `{ eval: true }`. */
  script: string;
  eval: boolean;
  /** The threadId the program sees (Node's numbering: main 0, then 1, 2, ... in creation order). */
  threadId: number;
  /** The Worker ⇄ parentPort channel. */
  channel: ChannelRef;
  /** The user's workerData, as a wrapped message (runtime/plain/message-wrap.ts). */
  data: unknown;
  /** process.argv[2...] (the `argv` option). */
  argv: string[];
  /** This thread's MessagePort to the supervisor (its parentPort belongs to the program). */
  link: unknown;
}

/** `workerData` of every thread the supervisor starts. */
export interface WorkerBoot {
  memory: RunMemory;
  ring: SharedArrayBuffer;
  pid: number;
  parentPid: number;
  name: string;
  role: WorkerRole;
  /** file: URL of the user's script (the module every worker imports afresh). */
  scriptUrl: string;
  /** Monotonic time of the run's epoch, in ms on process.hrtime's clock. */
  epochHrMs: number;
  cpuCount: number;
  locations: LocationMode;
  /** false: this thread records nothing (bench/run.mjs's tracing-off baseline; absent means true). */
  recording?: boolean;
  /** Events per ring of the threads a plain program starts (`new Worker`). */
  threadRingCapacity: number;
  /** For role 'process': the exported function to call, and its encoded arguments. */
  target?: ExportRef;
  args?: unknown;
  /** For role 'pool': the pool's encoded handle. */
  pool?: unknown;
  /** For role 'main': the script uses no Interleave API (it runs, and fails, exactly as under
   *  `node FILE`: an uncaught error is printed as Node prints it). */
  plain?: boolean;
  /** For role 'thread': the Worker the program created. */
  thread?: ThreadSpec;
  /** A warm thread (runner/warm-threads.ts) runs this: at the end of its part it goes back to
   *  waiting for the next run's boot instead of exiting. */
  warm?: boolean;
}

/** Supervisor → a warm thread: run this. */
export interface WarmBootMessage {
  type: 'interleave-boot';
  boot: WorkerBoot;
}

/** Worker → supervisor. */
export type WorkerMessage =
  | { type: 'spawn'; pid: number; name: string; role: 'process' | 'pool'; target?: ExportRef; args?: unknown; pool?: unknown; parentPid: number }
  | { type: 'terminate'; pid: number }
  /** A thread a plain program started with `new Worker`, announced by the thread that created it
   *  (the supervisor did not start it, so it learns its ring and its link here). */
  | { type: 'thread'; pid: number; parentPid: number; name: string; ring: SharedArrayBuffer; link: unknown }
  /** The creator saw a thread it started end without that thread's own report (terminate()). */
  | { type: 'thread-gone'; pid: number; exitCode: number }
  /** The program listened for this thread's 'error' event: its error is drawn, not a failure. */
  | { type: 'error-handled'; pid: number }
  /** The main worker finished main(); `error` is set when it threw. */
  | { type: 'main-done'; error: SerializedError | null }
  /** A warm thread has ended its part of the run after its 'exiting', cleanly: it serves the next
   *  run (`reusable`), or it leaves because its run left something pending (a timer, a Worker). */
  | { type: 'idle'; pid: number; reusable: boolean }
  /** A worker's own report of how it ended, just before it exits. */
  | {
      type: 'exiting'; pid: number; exitCode: number; error: SerializedError | null;
      /** ExitCause of the exit. */
      cause: number;
      /** Events dropped since this thread's last DROPPED record (a full ring at exit): the
       *  supervisor records them, so no drop goes uncounted. */
      dropped: number;
      /** False when the PROC_EXIT event itself was dropped: the supervisor writes it instead. */
      exitRecorded: boolean;
    };

export interface SerializedError {
  name: string;
  message: string;
  stack: string;
}
