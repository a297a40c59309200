/**
 * What crosses between the supervisor and the run's worker threads, other than events (which go
 * through the rings). These messages are rare: one per process started or ended.
 */

export type LocationMode = 'all' | 'sampled' | 'off';

export type WorkerRole = 'main' | 'process' | 'pool';

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
  /** For role 'process': the exported function to call, and its encoded arguments. */
  target?: ExportRef;
  args?: unknown;
  /** For role 'pool': the pool's encoded handle. */
  pool?: unknown;
}

/** Worker → supervisor. */
export type WorkerMessage =
  | { type: 'spawn'; pid: number; name: string; role: 'process' | 'pool'; target?: ExportRef; args?: unknown; pool?: unknown; parentPid: number }
  | { type: 'terminate'; pid: number }
  /** The main worker finished main(); `error` is set when it threw. */
  | { type: 'main-done'; error: SerializedError | null }
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
