/**
 * Process, as Python's multiprocessing.Process with the spawn start method: start() asks the
 * supervisor for a new worker thread, which imports the script afresh and calls the exported
 * target by name with the (structured-cloned) args; shared objects in args keep their identity.
 */
import { PROC_EXIT_CODE, PROC_STATUS, ProcStatus, procIndex } from '../shared/control-block';
import { BlockReason, EventKind } from '../shared/events';
import { deadlineOf, enterBlocked, leaveBlocked, timeoutOf, waitWhileEqual } from './blocking';
import { callerLocation, nextProcessId, postToSupervisor, rt } from './context';
import { toWire } from './handles';
import { requireExport } from './module-registry';
import type { ExportRef } from '../shared/worker-protocol';
import { PointOp } from '../shared/sched-table';
import { schedPoint } from './sched-point';

export interface ProcessOptions<A extends unknown[]> {
  target: (...args: A) => unknown;
  args?: A;
  name?: string;
}

export class Process<A extends unknown[] = unknown[]> {
  readonly name: string;
  private readonly pid: number;
  private readonly targetRef: ExportRef;
  private readonly args: unknown;
  private started = false;

  constructor(options: ProcessOptions<A>) {
    if (typeof options !== 'object' || options === null) throw new TypeError('interleave: new Process({ target, args?, name? })');
    this.targetRef = requireExport(options.target, 'a Process target');
    this.args = toWire(options.args ?? []);
    this.pid = nextProcessId();
    this.name = options.name ?? `Process-${this.pid}`;
  }

  /** A number unique in the run, once started; null before. */
  get id(): number | null {
    return this.started ? this.pid : null;
  }

  start(): void {
    if (this.started) throw new Error('interleave: a process can only be started once');
    schedPoint(PointOp.SPAWN, this.pid);
    const r = rt();
    const loc = callerLocation();
    Atomics.store(r.control, procIndex(this.pid, PROC_STATUS), ProcStatus.STARTING);
    try {
      postToSupervisor({ type: 'spawn', pid: this.pid, name: this.name, role: 'process', target: this.targetRef, args: this.args, parentPid: r.boot.pid });
    } catch (error) {
      // Args that cannot be cloned (a function, say): as in Python, start() fails and the
      // process was never started.
      Atomics.store(r.control, procIndex(this.pid, PROC_STATUS), ProcStatus.UNUSED);
      throw new TypeError(`interleave: Process args must be structured-cloneable: ${(error as Error).message}`, { cause: error });
    }
    this.started = true;
    // Recorded once the spawn request is sent: the child's first event comes long after.
    r.recorder.record(EventKind.PROC_START, this.pid, r.recorder.intern(this.name), r.recorder.intern(this.targetRef.name), 0, loc);
  }

  /** Waits until the process ends, or until timeoutMs passes. Read exitCode / isAlive() after. */
  join(timeoutMs?: number): void {
    if (!this.started) throw new Error('interleave: can only join a started process');
    schedPoint(PointOp.JOIN, this.pid);
    const r = rt();
    const loc = callerLocation();
    const statusIndex = procIndex(this.pid, PROC_STATUS);
    const timeout = timeoutOf(timeoutMs);
    if (Atomics.load(r.control, statusIndex) !== ProcStatus.EXITED && timeout > 0) {
      enterBlocked(this.pid, BlockReason.JOIN, timeout, loc);
      const deadline = deadlineOf(timeout);
      try {
        for (;;) {
          const status = Atomics.load(r.control, statusIndex);
          if (status === ProcStatus.EXITED) break;
          if (!waitWhileEqual(r.control, statusIndex, status, deadline)) break;
        }
      } finally {
        leaveBlocked(this.pid, BlockReason.JOIN, Atomics.load(r.control, statusIndex) === ProcStatus.EXITED);
      }
    }
    const done = Atomics.load(r.control, statusIndex) === ProcStatus.EXITED;
    r.recorder.record(EventKind.PROC_JOINED, this.pid, done ? 1 : 0, 0, 0, loc);
  }

  isAlive(): boolean {
    return this.started && Atomics.load(rt().control, procIndex(this.pid, PROC_STATUS)) !== ProcStatus.EXITED;
  }

  /** Stops the process at once (its finally blocks do not run, as with SIGTERM in Python). */
  terminate(): void {
    if (!this.started) return;
    rt().recorder.record(EventKind.PROC_TERMINATE, this.pid, 0, 0, 0, callerLocation());
    postToSupervisor({ type: 'terminate', pid: this.pid });
  }

  /** null while running; 0 after a normal return, 1 after an uncaught error, non-zero after terminate(). */
  get exitCode(): number | null {
    const r = rt();
    if (!this.started || Atomics.load(r.control, procIndex(this.pid, PROC_STATUS)) !== ProcStatus.EXITED) return null;
    return Atomics.load(r.control, procIndex(this.pid, PROC_EXIT_CODE));
  }

  toString(): string {
    return `<Process name='${this.name}' ${this.exitCode === null ? (this.started ? 'started' : 'initial') : `stopped exitcode=${this.exitCode}`}>`;
  }
}
