/**
 * The supervisor: runs one script as a tree of worker threads and owns everything around them.
 *
 * It never runs user code and never blocks: the user's main runs in a worker like every Process
 * and Pool worker (all started here, on the workers' request, so that any can be stopped). It
 * drains the event rings when a worker rings the doorbell or every RING_DRAIN_MS, writes the trace as
 * it goes, streams each batch to a listener, samples cores, enforces the timeout, detects
 * deadlocks live, and at the end stops every thread it started.
 */
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import { CTRL_SCHED_ON, CTRL_STOP, PROC_EXIT_CODE, PROC_GUARD, PROC_STATUS, ProcStatus, procIndex } from '../shared/control-block';
import { claimForTermination } from './termination-claim';
import { allocateEventRing, EventRingReader, RING_DRAIN_MS } from '../shared/event-ring';
import { EventKind, ExitCause, RECORD_SLOTS, SCHEMA_VERSION } from '../shared/events';
import { hrtimeToMs } from '../shared/hrtime-ms';
import { expandLockRuns } from '../shared/ring-lock-run';
import { StepFlag } from '../shared/sched-table';
import type { DeadlockCycle, ProcessSummary, RunResult, ScheduleInfo, TraceFooter, TraceHeader } from '../shared/trace-file';
import type { LocationMode, RunMemory, SerializedError, WarmBootMessage, WorkerBoot, WorkerMessage, WorkerRole } from '../shared/worker-protocol';
import { splitStrings } from './batch';
import { CpuSampler } from './cpu-sampler';
import { DeadlockDetector } from './deadlock-detector';
import { LiveState } from './live-state';
import { PLAIN_RING_CAPACITY, isPlainProgram } from './plain-program';
import { allocateRunMemory, type RunMemorySpec } from './run-memory-pool';
import { TraceWriter, type FileOps } from './trace-writer';
import { encodeSchedule } from './sched/schedule-string';
import { Scheduler, type Decision } from './sched/scheduler';
import type { Strategy } from './sched/strategy';
import type { WarmThreads } from './warm-threads';

/** Events per ring of the Interleave API's threads, unless --ring-capacity says otherwise. */
/** The shared heap starts this small and grows on demand (shared-heap.ts). */
const INITIAL_SHARED_HEAP_BYTES = 4 * 1024 * 1024;
/** Default limit of the run's shared heap, in MB: room for large queue items, far from the machine's size. */
export const DEFAULT_SHARED_HEAP_MB = 1024;
const RING_CAPACITY = 1 << 16;
/** Rounds over all rings per drain, before the event loop gets a turn (IPC, timers). */
const DRAIN_ROUNDS = 8;
const DEADLOCK_CHECK_MS = 100;
const SAMPLE_MS = 10;
/** The sampler reads one /proc file per thread: with more threads it samples less often (every
 * SAMPLE_MS per SAMPLE_THREADS_PER_TICK threads), and above SAMPLE_MAX_THREADS not at all. */
const SAMPLE_THREADS_PER_TICK = 8;
const SAMPLE_MAX_THREADS = 256;

export interface RunOptions {
  /** Absolute path of the user's script. */
  script: string;
  tracePath: string;
  timeoutMs?: number | null;
  locations?: LocationMode;
  /** Events per thread ring (a power of two). */
  ringCapacity?: number;
  /** Limit of the run's shared heap (Values, Arrays, locks, queue buffers) in MB; it starts small
   *  and grows on demand up to this. Default: DEFAULT_SHARED_HEAP_MB. */
  sharedHeapMb?: number;
  /**
   * false: the threads record nothing (runtime/muted-recorder.ts), the baseline bench/run.mjs
   * divides by. Internal; default: on, unless INTERLEAVE_RECORDING=off is in the environment.
   */
  recording?: boolean;
  /** Heap limit of each worker, so one that runs away fails alone. */
  workerHeapMb?: number;
  onStarted?: (header: TraceHeader) => void;
  onBatch?: (strings: [number, string][], events: Float64Array) => void;
  /** Where the trace goes (default: its file). Explore keeps its runs' traces in memory; tests make writes fail. */
  fileOps?: FileOps;
  /** The worker bootstrap bundle (default: worker.js beside this bundle; tests that load the
   * supervisor from source point it at dist/worker.js). */
  workerPath?: string;
  /** The script's console output is dropped (explore's many runs), instead of going to ours. */
  quietScript?: boolean;
  /** Run under a controlled scheduler (runner/sched/): one thread moves at a time, as `strategy` picks. */
  schedule?: ScheduledRun;
  /** Warm threads to run on instead of starting new ones (explore's repeated runs; the script
   *  must be one WarmThreads.serve() accepts). Threads whose part ended cleanly go back. */
  threads?: WarmThreads;
}

export interface ScheduledRun {
  strategy: Strategy;
  /** What the trace's footer says of it (its schedule is added at the end). */
  info: Pick<ScheduleInfo, 'strategy' | 'seed' | 'depth'>;
  /** Step mode: each point captures the user's line, so the user sees where each thread is. */
  locate?: boolean;
}

/** What step mode reads of a run in progress (runner/sched/step-view.ts). */
export interface RunInsides {
  state: LiveState;
  heap: SharedArrayBuffer;
  sched: SharedArrayBuffer;
}

export interface RunOutcome {
  /** The script that ran (absolute path). */
  script: string;
  footer: TraceFooter;
  tracePath: string;
  /** The trace writer's error, when the trace could not be written whole. */
  writeError: Error | null;
  /** Bytes of the trace written without error. */
  traceBytes: number;
  state: LiveState;
  /** Whether the script ran as a plain worker_threads program (no Interleave API, no main). */
  plain: boolean;
  /** Under a controlled scheduler: its choice points, in order. */
  decisions?: Decision[];
}

interface WorkerRecord {
  pid: number;
  name: string;
  role: WorkerRole;
  /** The thread's Worker, for the threads this supervisor started; null for a Worker a plain
   *  program created (a thread of one of ours, which Node stops when its parent stops). */
  worker: Worker | null;
  /** A program-created thread's own port to the supervisor. */
  link: MessagePort | null;
  /** The pid of the supervisor-started thread this one runs under (itself for those). */
  root: number;
  ring: EventRingReader;
  exited: boolean;
  reported: boolean;
  exitCode: number | null;
  error: string | null;
  terminated: boolean;
  /** The program listened for this thread's 'error' event: its error is not a failure. */
  errorHandled: boolean;
  /**
   * A warm thread's: this run's listeners on it, removed when it goes back, whether its part ended
   * cleanly (idle), and whether it is lost (it exited, or shutdown terminated it: never given back,
   * even if its 'idle' arrives after). null: a cold thread.
   */
  warm: { detach: () => void; idle: boolean; lost: boolean } | null;
}

export class Supervisor {
  readonly state = new LiveState();
  private readonly control: Int32Array;
  private readonly memory: RunMemory;
  private readonly doorbell: Int32Array;
  private readonly workers = new Map<number, WorkerRecord>();
  /** Our output streams whose reader went away (outputClosed), and what the footer notes. */
  private readonly outputGone = new Set<'stdout' | 'stderr'>();
  private readonly notes: string[] = [];
  private readonly writer: TraceWriter;
  private readonly detector: DeadlockDetector;
  private readonly sampler = new CpuSampler();
  private readonly epochHrMs: number;
  private readonly epochWallMs = Date.now();
  private readonly scriptUrl: string;
  private readonly workerPath: string;
  private ending: { result: RunResult; message: string | null; deadlock: DeadlockCycle | null } | null = null;
  private mainDone = false;
  private finished!: (outcome: RunOutcome) => void;
  private timers: NodeJS.Timeout[] = [];
  private drainScratch = new Float64Array(0);
  /** Records the supervisor writes itself (exits it observed), with their strings. */
  private readonly pendingSynthetic: number[] = [];
  private readonly pendingStrings: [number, string][] = [];
  private stopping = false;
  private readonly scheduler: Scheduler | null = null;
  /** Decided once as the run starts (isPlainProgram): what the run was, whatever the file is later. */
  private plain = false;

  constructor(private readonly options: RunOptions) {
    const spec: RunMemorySpec = {
      heapInitialBytes: INITIAL_SHARED_HEAP_BYTES,
      heapLimitBytes: this.sharedHeapMb * 2 ** 20,
      schedFlags: options.schedule ? (options.schedule.locate ? StepFlag.LOCATE : 0) : null,
    };
    this.memory = options.threads ? options.threads.memory.take(spec) : allocateRunMemory(spec);
    this.control = new Int32Array(this.memory.control);
    this.doorbell = new Int32Array(this.memory.doorbell);
    this.writer = new TraceWriter(options.tracePath, options.fileOps);
    // Under the scheduler a stuck run is frozen (no thread moves until told): nothing to confirm.
    this.detector = new DeadlockDetector(this.control, new Int32Array(this.memory.heap), this.state, new Int32Array(this.memory.plain), options.schedule ? 0 : undefined);
    if (options.schedule && this.memory.sched) {
      this.control[CTRL_SCHED_ON] = 1;
      this.scheduler = new Scheduler(this.memory.sched, this.control, new Int32Array(this.memory.heap), options.schedule.strategy, {
        onDecision: (d, index) => this.pendingSynthetic.push(this.nowMs(), EventKind.SCHED_DECISION, d.chosen, -1, index, d.enabled.length, pidMask(d.enabled), -1),
        onTimeJump: (pid, virtualMs) => this.pendingSynthetic.push(this.nowMs(), EventKind.SCHED_TIME, pid, -1, virtualMs, 0, 0, -1),
        onStuck: () => { this.checkDeadlock(true); this.checkDeadlock(true); },
      });
    }
    this.epochHrMs = hrtimeMs();
    this.scriptUrl = pathToFileURL(options.script).href;
    this.workerPath = workerPathOf(options.workerPath);
  }

  private get sharedHeapMb(): number {
    return this.options.sharedHeapMb ?? DEFAULT_SHARED_HEAP_MB;
  }

  private get recording(): boolean {
    return this.options.recording ?? process.env.INTERLEAVE_RECORDING !== 'off';
  }

  /** Each worker's heap cap in MB: the option, or a quarter of the machine's memory, at most 4 GB. */
  private get workerHeapMb(): number {
    return this.options.workerHeapMb ?? defaultWorkerHeapMb();
  }

  /** Runs the script to its end (or timeout, deadlock, stop) and resolves with the footer. */
  run(): Promise<RunOutcome> {
    const header: TraceHeader = {
      schema: SCHEMA_VERSION,
      script: this.options.script,
      epochWallMs: this.epochWallMs,
      cpuCount: availableParallelism(),
      platform: process.platform,
      coresKnown: process.platform === 'linux',
      locations: this.options.locations ?? 'sampled',
      workerHeapMb: this.workerHeapMb,
      sharedHeapMb: this.sharedHeapMb,
    };
    this.writer.begin(header);
    this.options.onStarted?.(header);
    const done = new Promise<RunOutcome>((resolve) => { this.finished = resolve; });
    // A script that uses no Interleave API and exports no main is a plain program: its main thread
    // is "main", as the threads it makes are "worker-1", ... (the Interleave API's is MainProcess).
    const plain = (this.plain = isPlainProgram(this.options.script));
    this.spawn(0, plain ? 'main' : 'MainProcess', 'main', 0, { plain }, plain ? PLAIN_RING_CAPACITY : undefined);
    this.scheduler?.start();
    this.timers.push(setInterval(() => this.checkDeadlock(), DEADLOCK_CHECK_MS));
    this.timers.push(setInterval(() => this.sampleCpus(), SAMPLE_MS));
    if (this.options.timeoutMs) {
      this.timers.push(setTimeout(() => this.stop('timeout', `timed out after ${this.options.timeoutMs} ms`), this.options.timeoutMs));
    }
    void this.drainLoop();
    return done;
  }

  /**
   * Step mode: the run's state with every ring drained (so the strings of the parked threads'
   * locations are known) and its memory, read while every thread is parked. Reading adds no point.
   */
  inspect(): RunInsides | null {
    if (!this.memory.sched) return null;
    this.drainAll();
    this.flushSynthetic();
    return { state: this.state, heap: this.memory.heap, sched: this.memory.sched };
  }

  /** Makes the scheduler look again now (step mode: the user has decided). */
  wakeScheduler(): void {
    this.scheduler?.wake();
  }

  /** Stops the run now (the user's Stop, a timeout or a deadlock); the trace is kept. */
  /**
   * The reader of our stdout or stderr went away (`interleave run … | head`). That is not the
   * program's failure: the run goes on to its end, the program's later output on that stream is
   * drained into nothing (the broken pipe unpiped every worker's stream, and an undrained stream
   * would hold all later output in memory), and the footer notes when it happened.
   */
  outputClosed(stream: 'stdout' | 'stderr'): void {
    if (this.outputGone.has(stream)) return;
    this.outputGone.add(stream);
    this.notes.push(`${stream} closed at ${this.nowMs().toFixed(0)} ms (its reader went away): the program's later output there was discarded`);
    for (const w of this.workers.values()) w.worker?.[stream].resume();
  }

  stop(result: RunResult = 'error', message: string | null = 'stopped by the user', deadlock: DeadlockCycle | null = null): void {
    if (this.ending) return;
    this.ending = { result, message, deadlock };
    void this.shutdown();
  }

  private spawn(pid: number, name: string, role: WorkerRole, parentPid: number, extra: Partial<WorkerBoot>, capacity = RING_CAPACITY): void {
    const ringCapacity = this.options.ringCapacity ?? capacity;
    const ring = this.options.threads ? this.options.threads.memory.takeRing(ringCapacity, this.memory.doorbell) : allocateEventRing(ringCapacity, this.memory.doorbell);
    const boot: WorkerBoot = {
      memory: this.memory,
      ring: ring.buffer,
      pid,
      parentPid,
      name,
      role,
      scriptUrl: this.scriptUrl,
      epochHrMs: this.epochHrMs,
      cpuCount: availableParallelism(),
      // With recording off no location is captured either: a stack capture is part of recording.
      ...(this.recording ? { locations: this.options.locations ?? 'sampled' } : { locations: 'off', recording: false }),
      threadRingCapacity: this.options.ringCapacity ?? PLAIN_RING_CAPACITY,
      ...extra,
    };
    this.state.processNames.set(pid, name);
    // The scheduler waits for a thread it knows is starting, so no decision is taken without it.
    if (this.scheduler) void Atomics.compareExchange(this.control, procIndex(pid, PROC_STATUS), ProcStatus.UNUSED, ProcStatus.STARTING);
    if (this.options.threads) {
      this.spawnWarm(this.options.threads, boot);
      return;
    }
    const worker = new Worker(this.workerPath, {
      workerData: { interleave: boot },
      // Each worker's heap is capped well below the machine, so that several runaway workers fail
      // alone (ERR_WORKER_OUT_OF_MEMORY) instead of exhausting memory together.
      resourceLimits: { maxOldGenerationSizeMb: this.workerHeapMb },
      // The workers' console output goes to ours, as a child process's would (unless our reader
      // has gone, or explore quiets the script: then it is drained into nothing, see outputClosed).
      stdout: this.options.quietScript === true || this.outputGone.has('stdout'),
      stderr: this.options.quietScript === true || this.outputGone.has('stderr'),
    });
    if (this.options.quietScript) {
      worker.stdout.resume();
      worker.stderr.resume();
    } else {
      for (const stream of this.outputGone) worker[stream].resume();
    }
    const record = workerRecord(pid, name, role, worker, null, pid, ring.buffer);
    this.workers.set(pid, record);
    worker.on('message', (message: WorkerMessage) => this.onMessage(record, message));
    worker.on('error', (error) => this.onWorkerError(record, error));
    worker.on('exit', (code) => this.onExit(record, code));
  }

  /** spawn() on a warm thread: the same record, the boot sent as a message instead of workerData. */
  private spawnWarm(threads: WarmThreads, boot: WorkerBoot): void {
    const worker = threads.take();
    const record = workerRecord(boot.pid, boot.name, boot.role, worker, null, boot.pid, boot.ring);
    this.workers.set(boot.pid, record);
    const onMessage = (message: WorkerMessage): void => this.onMessage(record, message);
    const onError = (error: Error): void => this.onWorkerError(record, error);
    const onExit = (code: number): void => this.onExit(record, code);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    record.warm = {
      idle: false,
      lost: false,
      detach: () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      },
    };
    worker.postMessage({ type: 'interleave-boot', boot: { ...boot, warm: true } } satisfies WarmBootMessage);
  }

  /**
   * A warm thread's part ended cleanly and it waits for the next run: for this run it has exited
   * (its own report, 'exiting', came first and published its last records).
   */
  private warmEnded(record: WorkerRecord): void {
    if (record.exited || !record.warm) return;
    record.warm.idle = true;
    record.exited = true;
    this.drainOne(record);
    this.sampler.forget(record.pid);
    if (record.role === 'main') this.mainDone = true;
    this.maybeFinish();
  }

  private onMessage(record: WorkerRecord, message: WorkerMessage): void {
    switch (message.type) {
      case 'spawn':
        if (this.ending) return;
        this.spawn(message.pid, message.name, message.role, message.parentPid, {
          target: message.target,
          args: message.args,
          pool: message.pool,
        });
        break;
      case 'terminate': {
        const target = this.workers.get(message.pid);
        if (target && !target.exited && target.worker) {
          target.terminated = true;
          const worker = target.worker;
          // Never inside the runtime's own mutexes (the heap's, a channel's): wait until it is out.
          void claimForTermination(this.control, procIndex(target.pid, PROC_GUARD), () => target.exited).then((claimed) => {
            if (claimed) void worker.terminate();
          });
        }
        break;
      }
      case 'thread':
        this.adoptThread(record, message.pid, message.name, message.ring, message.link as MessagePort);
        break;
      case 'thread-gone': {
        const gone = this.workers.get(message.pid);
        if (gone && !gone.exited) {
          gone.terminated = !gone.reported;
          this.threadEnded(gone, message.exitCode, false);
        }
        break;
      }
      case 'error-handled': {
        const handled = this.workers.get(message.pid);
        if (handled) handled.errorHandled = true;
        break;
      }
      case 'exiting':
        record.reported = true;
        // A program-created thread has no Worker here to say it exited: its own report does.
        if (record.worker === null) {
          record.exited = true;
          this.sampler.forget(record.pid);
        }
        record.exitCode = message.exitCode;
        record.error = message.error ? describeError(message.error) : null;
        // What a ring still full at exit could not hold: its last drop count, even its exit.
        if (message.dropped > 0) this.pendingSynthetic.push(this.nowMs(), EventKind.DROPPED, record.pid, -1, message.dropped, 0, 0, -1);
        if (!message.exitRecorded) this.synthesizeExit(record, message.exitCode, message.cause);
        this.flushSynthetic();
        break;
      case 'main-done':
        this.mainDone = true;
        break;
      case 'idle':
        // Not reusable: it exits, and its 'exit' ends it here as a cold thread's does.
        if (message.reusable) this.warmEnded(record);
        break;
    }
  }

  /**
   * A thread a plain program started (`new Worker`), announced by its creator: its ring is
   * drained with the others, and its own port carries its reports.
   */
  private adoptThread(creator: WorkerRecord, pid: number, name: string, ring: SharedArrayBuffer, link: MessagePort): void {
    this.state.processNames.set(pid, name);
    const record = workerRecord(pid, name, 'thread', null, link, creator.root, ring);
    this.workers.set(pid, record);
    link.on('message', (message: WorkerMessage) => this.onMessage(record, message));
    // The supervisor never waits for a thread's port: its end is the thread's (or its root's).
    link.unref();
    // Its creator is gone already (it ended right after starting it): so is the thread.
    const root = this.workers.get(creator.root);
    if (creator.exited || root?.exited) this.threadEnded(record, 1, true);
  }

  /**
   * A thread without a Worker of ours has ended (reported gone by its creator, or with the thread
   * it ran under): its last records are taken and, when it could not report, its exit written.
   */
  private threadEnded(record: WorkerRecord, code: number, stopped: boolean): void {
    if (record.exited) return;
    record.exited = true;
    record.ring.adoptUnpublished();
    this.drainOne(record);
    if (!record.reported) {
      record.exitCode = record.terminated ? code : stopped ? 1 : code;
      const cause = record.terminated ? ExitCause.TERMINATED : ExitCause.STOPPED;
      // Its creator wrote its exit already when it saw it (worker.ts): only one that died with its
      // thread (a Worker still running when the program ended, or a stopped run) is written here.
      if (stopped) this.synthesizeExit(record, record.exitCode, cause);
      this.scheduler?.gone(record.pid);
      Atomics.store(this.control, procIndex(record.pid, PROC_EXIT_CODE), record.exitCode);
      Atomics.store(this.control, procIndex(record.pid, PROC_STATUS), ProcStatus.EXITED);
    }
    record.link?.close();
    this.sampler.forget(record.pid);
  }

  /** Threads that ran under `root` (which has ended) have ended with it, as Node stops them. */
  private endThreadsUnder(root: number): void {
    for (const record of this.workers.values()) {
      if (record.root === root && record.worker === null && !record.exited) this.threadEnded(record, 1, true);
    }
  }

  private onWorkerError(record: WorkerRecord, error: Error): void {
    // Errors the worker could not report itself: out of memory, a crash in its bootstrap.
    const code = (error as NodeJS.ErrnoException).code;
    record.error ??= code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `${record.name} ran out of memory (${error.message})`
      : describeError({ name: error.name, message: error.message, stack: error.stack ?? '' });
  }

  private onExit(record: WorkerRecord, code: number): void {
    if (record.warm) record.warm.lost = true;
    record.exited = true;
    this.scheduler?.gone(record.pid);
    // A thread killed mid-burst leaves its last records written but unpublished: take them too.
    record.ring.adoptUnpublished();
    this.drainOne(record);
    if (!record.reported) {
      // The worker ended without reporting: terminated, stopped, process.exit() or out of memory.
      const cause = record.terminated ? ExitCause.TERMINATED : this.ending ? ExitCause.STOPPED : ExitCause.EXITED;
      // terminate() gives -15 as Python's exitcode after SIGTERM does.
      const exitCode = record.terminated ? -15 : code === 0 && record.error ? 1 : code;
      if (cause === ExitCause.EXITED && !record.error) {
        record.error = `${record.name} exited early with process.exit(${code}) before its work was done`;
      }
      record.exitCode = exitCode;
      this.synthesizeExit(record, exitCode, cause);
      Atomics.store(this.control, procIndex(record.pid, PROC_EXIT_CODE), exitCode);
      Atomics.store(this.control, procIndex(record.pid, PROC_STATUS), ProcStatus.EXITED);
      Atomics.notify(this.control, procIndex(record.pid, PROC_STATUS));
    }
    this.sampler.forget(record.pid);
    this.endThreadsUnder(record.pid);
    if (record.role === 'main') this.mainDone = true;
    this.maybeFinish();
  }

  private synthesizeExit(record: WorkerRecord, exitCode: number, cause: number): void {
    let errorId = -1;
    if (record.error) {
      errorId = -1000000 - record.pid; // supervisor-made string ids are negative: no clash with the workers'
      this.pendingStrings.push([errorId, record.error]);
    }
    this.pendingSynthetic.push(this.nowMs(), EventKind.PROC_EXIT, record.pid, record.pid, exitCode, errorId, cause, -1);
    this.flushSynthetic();
  }

  private flushSynthetic(): void {
    if (this.pendingSynthetic.length === 0) return;
    const events = Float64Array.from(this.pendingSynthetic);
    this.pendingSynthetic.length = 0;
    const strings = this.pendingStrings.splice(0);
    this.emit(strings, events);
  }

  /** The run is over when main has ended and every Process has; Pool workers are then stopped. */
  private maybeFinish(): void {
    if (this.ending) return;
    if (!this.mainDone) return;
    const processesLeft = [...this.workers.values()].some((w) => !w.exited && w.role !== 'pool');
    if (processesLeft) return;
    const failed = [...this.workers.values()].some((w) => w.error !== null && !w.terminated && !w.errorHandled);
    this.stop(failed ? 'error' : 'ok', null);
  }

  private async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    this.scheduler?.stop();
    Atomics.store(this.control, CTRL_STOP, 1);
    this.drainAll();
    await Promise.all(
      [...this.workers.values()].filter((w) => !w.exited && w.worker).map(async (w) => {
        if (w.warm) w.warm.lost = true;
        await w.worker!.terminate();
      }),
    );
    // Exits of workers that were still running arrive through onExit; give them a turn.
    await new Promise((resolve) => setImmediate(resolve));
    // Every thread a program started ran under one of ours: all have stopped now.
    for (const w of this.workers.values()) if (w.worker === null && !w.exited) this.threadEnded(w, 1, true);
    for (const w of this.workers.values()) w.link?.close();
    // Warm threads whose part ended cleanly serve the next run; the others were terminated above.
    for (const w of this.workers.values()) {
      if (w.warm?.idle && !w.warm.lost && w.worker && !w.terminated) {
        w.warm.detach();
        this.options.threads?.give(w.worker);
      }
    }
    this.drainAll();
    this.flushSynthetic();
    const ending = this.ending!;
    const records = [...this.workers.values()].sort((a, b) => a.pid - b.pid);
    const processes: ProcessSummary[] = records.map((w) => ({ id: w.pid, name: w.name, exitCode: w.exitCode, error: w.error }));
    const failed = records.some((w) => w.error !== null && !w.errorHandled);
    const result: RunResult = ending.result === 'ok' && failed ? 'error' : ending.result;
    const footer: TraceFooter = {
      result,
      message: ending.message,
      processes,
      dropped: this.state.dropped,
      deadlock: ending.deadlock,
      durationMs: this.nowMs(),
      ...(this.scheduler && this.options.schedule ? { schedule: this.scheduleInfo(this.scheduler, this.options.schedule) } : {}),
      ...(this.notes.length ? { notes: [...this.notes] } : {}),
      sharedHeapBytes: this.memory.heap.byteLength,
    };
    this.writer.end(footer);
    // Every thread of this run has gone idle or been terminated above: none can touch its memory.
    this.options.threads?.memory.give(this.memory, records.filter((w) => w.worker !== null).map((w) => w.ring.buffer));
    this.finished({
      script: this.options.script, footer, tracePath: this.options.tracePath, writeError: this.writer.error, traceBytes: this.writer.bytesWritten,
      state: this.state, plain: this.plain, ...(this.scheduler ? { decisions: this.scheduler.decisions } : {}),
    });
  }

  private scheduleInfo(scheduler: Scheduler, run: ScheduledRun): ScheduleInfo {
    return {
      ...run.info,
      schedule: encodeSchedule(scheduler.decisions.map((d) => d.chosen)),
      points: scheduler.points,
      choices: scheduler.decisions.length,
      preemptions: scheduler.preemptions,
    };
  }

  private async drainLoop(): Promise<void> {
    while (!this.stopping) {
      const seen = Atomics.load(this.doorbell, 0);
      this.drainAll();
      // The scheduler's decisions, gathered since the last turn.
      this.flushSynthetic();
      const wait = Atomics.waitAsync(this.doorbell, 0, seen, RING_DRAIN_MS);
      if (wait.async) await wait.value;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Drains every ring in rounds, each round taking what one ring has published so far and then
   * moving on: a producer that publishes as fast as it is drained must not keep the supervisor on
   * its ring while another fills up (that producer would drop events after its bounded wait).
   */
  private drainAll(): void {
    for (let round = 0; round < DRAIN_ROUNDS; round++) {
      let drained = 0;
      for (const record of this.workers.values()) drained += this.drainPublished(record);
      if (drained === 0) return;
    }
  }

  /** Drains a ring until it is empty: for a producer that has ended. */
  private drainOne(record: WorkerRecord): void {
    while (this.drainPublished(record) > 0);
  }

  /** Drains what the ring holds now, all at once (so a string run is never split); returns how many. */
  private drainPublished(record: WorkerRecord): number {
    const pending = record.ring.pending();
    if (pending <= 0) return 0;
    const slots = pending * RECORD_SLOTS;
    if (this.drainScratch.length < slots) this.drainScratch = new Float64Array(Math.max(slots, 4096 * RECORD_SLOTS));
    const count = record.ring.drainInto(this.drainScratch, 0, pending);
    const strings: [number, string][] = [];
    const events = expandLockRuns(splitStrings(this.drainScratch, count, strings), record.pid);
    this.emit(strings, events, record.pid);
    return count;
  }

  /** `events` may be a view of the reused scratch buffer: only a listener gets its own copy. */
  private emit(strings: [number, string][], events: Float64Array, pid = -1): void {
    if (strings.length === 0 && events.length === 0) return;
    this.state.addStrings(strings);
    this.state.addEvents(events, pid);
    this.writer.batch(strings, events);
    this.options.onBatch?.(strings, events.slice());
  }

  private livePids(): number[] {
    return [...this.workers.values()].filter((w) => !w.exited).map((w) => w.pid);
  }

  /**
   * Under the scheduler only the scheduler asks (`stuck`): it has seen every live thread parked and
   * none able to move, which is certain, while the periodic look can catch a Process whose start
   * the supervisor has not handled yet and take its joiner for the last thread alive.
   */
  private checkDeadlock(stuck = false): void {
    if (this.ending || (this.scheduler && !stuck)) return;
    this.drainAll();
    const found = this.detector.check(this.livePids(), Date.now(), this.nowMs());
    if (found) this.stop('deadlock', found.message, found.cycle);
  }

  private sampleTick = 0;

  private sampleCpus(): void {
    if (this.ending) return;
    const live = new Map<number, number>();
    for (const [pid, tid] of this.state.tids) if (!this.workers.get(pid)?.exited) live.set(pid, tid);
    if (live.size > SAMPLE_MAX_THREADS) return;
    if (this.sampleTick++ % Math.max(1, Math.ceil(live.size / SAMPLE_THREADS_PER_TICK)) !== 0) return;
    const records = this.sampler.sample(live, this.nowMs());
    if (records) this.emit([], records);
  }

  private nowMs(): number {
    return hrtimeMs() - this.epochHrMs;
  }
}

/** Each worker's heap cap by default: a quarter of the machine's memory, at most 4 GB. */
export function defaultWorkerHeapMb(): number {
  return Math.min(4096, Math.floor(totalmem() / 2 ** 20 / 4));
}

/** The worker bootstrap bundle: `given`, or worker.js beside this bundle. */
export function workerPathOf(given: string | undefined): string {
  return given ?? join(__dirname, 'worker.js');
}

function workerRecord(pid: number, name: string, role: WorkerRole, worker: Worker | null, link: MessagePort | null, root: number, ring: SharedArrayBuffer): WorkerRecord {
  return {
    pid, name, role, worker, link, root, ring: new EventRingReader(ring),
    exited: false, reported: false, exitCode: null, error: null, terminated: false, errorHandled: false, warm: null,
  };
}

/** Pids as a bit mask (a float64 holds 52 bits exactly); -1 when one is too large. */
function pidMask(pids: readonly number[]): number {
  let mask = 0;
  for (const pid of pids) {
    if (pid >= 52) return -1;
    mask += 2 ** pid;
  }
  return mask;
}

function hrtimeMs(): number {
  const [s, ns] = process.hrtime();
  return hrtimeToMs(s, ns);
}

function describeError(error: SerializedError): string {
  const frames = error.stack.split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 4);
  return [`${error.name}: ${error.message}`, ...frames].join('\n');
}
