/**
 * Pool, as Python's multiprocessing.Pool: `processes` workers take chunks of tasks from a shared
 * task channel and put results on a result channel that only the pool's owner reads. Chunking is
 * Python's (chunksize = ceil(len / (4 * processes))), so a 100 000-item map crosses threads as a
 * few dozen messages, not 100 000.
 *
 * Task functions are exported, like Process targets; pool workers import the script and call them
 * by name. A task that throws sends its error back to the caller and the pool keeps working.
 *
 * The two channels start small and grow with the chunks they carry (channel.ts). They go back to
 * the shared heap when join() has seen every worker exit after close() or terminate(): from then
 * on no thread can touch them, and every method of the pool refuses instead of reaching them.
 */
import { deserialize, serialize } from 'node:v8';
import { PROC_STATUS, ProcStatus, procIndex } from '../shared/control-block';
import { BlockReason, EventKind, ObjectKind } from '../shared/events';
import type { ExportRef, SerializedError } from '../shared/worker-protocol';
import { enterBlocked, leaveBlocked, waitWhileEqual } from './blocking';
import { Channel } from './channel';
import { callerLocation, nextProcessId, postToSupervisor, registerObject, rt } from './context';
import { decodeList, encodeList, type WireList } from './wire-list';
import { cpuCount } from './misc';
import { requireExport } from './module-registry';

/** What a pool worker needs to serve a pool (sent in its boot data). */
export interface PoolWorkerSpec {
  id: number;
  tasks: number;
  results: number;
}

export type TaskKind = 'map' | 'star' | 'apply';

export interface TaskMessage {
  t: number;
  f: ExportRef;
  k: TaskKind;
  items: WireList;
}
export type TaskFrame = TaskMessage | { stop: true };

export interface ResultMessage {
  t: number;
  ok: boolean;
  v?: WireList;
  e?: SerializedError;
}

/** An error thrown by a task, re-thrown in the caller with the task's message and stack. */
export class TaskError extends Error {
  override name = 'TaskError';
  constructor(cause: SerializedError) {
    super(cause.message);
    this.name = cause.name || 'Error';
    this.stack = `${cause.name}: ${cause.message}\n    (in a pool worker)\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

interface Pending {
  values: ArrayLike<unknown> | null;
  error: TaskError | null;
  /** Set for async callers: called once the task's result is in. */
  onDone?: () => void;
}

function pythonChunksize(items: number, processes: number): number {
  let chunk = Math.floor(items / (processes * 4));
  if (items % (processes * 4) !== 0) chunk += 1;
  return Math.max(1, chunk);
}

export class Pool {
  readonly id: number;
  readonly processes: number;
  private readonly tasks: Channel;
  private readonly results: Channel;
  private readonly workers: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextTask = 1;
  private state: 'running' | 'closed' | 'terminated' = 'running';
  /** Set once join() gave the channels back; nothing may touch them after. */
  private freed = false;
  private asyncPumping = false;

  constructor(processes?: number, options: { name?: string } = {}) {
    const n = processes ?? cpuCount();
    if (!Number.isInteger(n) || n < 1) throw new RangeError('interleave: Number of processes must be at least 1');
    this.processes = n;
    const label = options.name === undefined ? 'a Pool' : `Pool "${options.name}"`;
    this.tasks = Channel.create(undefined, 0, label);
    try {
      this.results = Channel.create(undefined, 0, label);
    } catch (error) {
      Channel.freeAt(this.tasks.offset);
      throw error;
    }
    this.id = registerObject(ObjectKind.POOL, 'Pool', options.name, n);
    this.tasks.label = this.results.label = options.name === undefined ? `Pool-${this.id}` : label;
    const spec: PoolWorkerSpec = { id: this.id, tasks: this.tasks.offset, results: this.results.offset };
    const r = rt();
    for (let i = 0; i < n; i++) {
      const pid = nextProcessId();
      const name = `PoolWorker-${pid}`;
      Atomics.store(r.control, procIndex(pid, PROC_STATUS), ProcStatus.STARTING);
      r.recorder.record(EventKind.PROC_START, pid, r.recorder.intern(name), r.recorder.intern('pool worker'), 0, -1);
      postToSupervisor({ type: 'spawn', pid, name, role: 'pool', pool: spec, parentPid: r.boot.pid });
      this.workers.push(pid);
    }
  }

  /** fn applied to every item, results in order; blocks. */
  map<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize?: number): Awaited<R>[] {
    return this.collect(this.submit(fn, 'map', Array.from(items), chunksize)) as Awaited<R>[];
  }

  /** Like map, with each item an argument list. */
  starmap<A extends unknown[], R>(fn: (...args: A) => R, items: Iterable<A>, chunksize?: number): Awaited<R>[] {
    return this.collect(this.submit(fn, 'star', Array.from(items), chunksize)) as Awaited<R>[];
  }

  /** fn(...args) in a pool worker; blocks for the result. */
  apply<A extends unknown[], R>(fn: (...args: A) => R, args: A = [] as unknown as A): Awaited<R> {
    return this.collect(this.submit(fn, 'star', [args], 1))[0] as Awaited<R>;
  }

  mapAsync<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize?: number): Promise<Awaited<R>[]> {
    return this.collectAsync(this.submit(fn, 'map', Array.from(items), chunksize)) as Promise<Awaited<R>[]>;
  }

  starmapAsync<A extends unknown[], R>(fn: (...args: A) => R, items: Iterable<A>, chunksize?: number): Promise<Awaited<R>[]> {
    return this.collectAsync(this.submit(fn, 'star', Array.from(items), chunksize)) as Promise<Awaited<R>[]>;
  }

  applyAsync<A extends unknown[], R>(fn: (...args: A) => R, args: A = [] as unknown as A): Promise<Awaited<R>> {
    return this.collectAsync(this.submit(fn, 'star', [args], 1)).then((values) => values[0] as Awaited<R>);
  }

  /** Results in order, each as soon as it (and those before it) are in; blocks per item. */
  *imap<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize = 1): IterableIterator<Awaited<R>> {
    const tasks = this.submit(fn, 'map', Array.from(items), chunksize);
    for (const task of tasks) {
      const pending = this.waitFor(task);
      if (pending.error) throw pending.error;
      for (const value of Array.from(pending.values ?? [])) yield value as Awaited<R>;
    }
  }

  /** Results in completion order; blocks per item. */
  *imapUnordered<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize = 1): IterableIterator<Awaited<R>> {
    const tasks = new Set(this.submit(fn, 'map', Array.from(items), chunksize));
    while (tasks.size > 0) {
      const done = [...tasks].find((t) => this.pending.get(t)?.values || this.pending.get(t)?.error);
      if (done === undefined) { this.receiveOne(true); continue; }
      tasks.delete(done);
      const pending = this.pending.get(done)!;
      this.pending.delete(done);
      if (pending.error) throw pending.error;
      for (const value of Array.from(pending.values ?? [])) yield value as Awaited<R>;
    }
  }

  /** No more work will be submitted; workers exit once the queued work is done. */
  close(): void {
    if (this.state !== 'running') return;
    this.state = 'closed';
    const stop = serialize({ stop: true } satisfies TaskFrame);
    for (let i = 0; i < this.processes; i++) this.tasks.put(stop, rt().boot.pid, Infinity);
  }

  /** Stops the workers at once; outstanding work is lost. */
  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    for (const pid of this.workers) postToSupervisor({ type: 'terminate', pid });
  }

  /** Waits for the workers to exit; call close() or terminate() first. */
  join(): void {
    if (this.state === 'running') throw new Error('interleave: Pool is still running (call close() or terminate() first)');
    const r = rt();
    const loc = callerLocation();
    for (const pid of this.workers) {
      const index = procIndex(pid, PROC_STATUS);
      if (Atomics.load(r.control, index) === ProcStatus.EXITED) continue;
      enterBlocked(pid, BlockReason.JOIN, Infinity, loc);
      try {
        for (let s = Atomics.load(r.control, index); s !== ProcStatus.EXITED; s = Atomics.load(r.control, index)) {
          waitWhileEqual(r.control, index, s, Infinity);
        }
      } finally {
        leaveBlocked(pid, BlockReason.JOIN, true);
      }
      r.recorder.record(EventKind.PROC_JOINED, pid, 1, 0, 0, loc);
    }
    this.freeChannels();
  }

  /** Every worker has exited: nothing can reach the channels any more, so they go back. */
  private freeChannels(): void {
    if (this.freed) return;
    // Results the workers sent before they exited are still owed to callers (a mapAsync queued
    // before close()): take them in first.
    while (this.receiveOne(false)) { /* drain */ }
    this.freed = true;
    Channel.freeAt(this.tasks.offset);
    Channel.freeAt(this.results.offset);
  }

  [Symbol.dispose](): void {
    this.terminate();
  }

  private submit(fn: unknown, kind: TaskKind, items: unknown[], chunksize?: number): number[] {
    if (this.state !== 'running') throw new Error('interleave: Pool not running');
    const ref = requireExport(fn, 'a Pool task function');
    const size = chunksize ?? pythonChunksize(items.length, this.processes);
    if (!Number.isInteger(size) || size < 1) throw new RangeError('interleave: chunksize must be a positive integer');
    const r = rt();
    const loc = callerLocation();
    const ids: number[] = [];
    for (let start = 0; start < items.length; start += size) {
      const chunk = items.slice(start, start + size);
      const t = this.nextTask++;
      this.pending.set(t, { values: null, error: null });
      r.recorder.record(EventKind.TASK_SUBMIT, this.id, t, chunk.length, start, loc);
      const message: TaskMessage = { t, f: ref, k: kind, items: encodeList(chunk) };
      this.tasks.put(serialize(message), r.boot.pid, Infinity);
      ids.push(t);
    }
    return ids;
  }

  private collect(tasks: number[]): unknown[] {
    const out: unknown[] = [];
    let error: TaskError | null = null;
    for (const task of tasks) {
      const pending = this.waitFor(task);
      this.pending.delete(task);
      if (pending.error) error ??= pending.error;
      else if (pending.values) for (let i = 0; i < pending.values.length; i++) out.push(pending.values[i]);
    }
    if (error) throw error;
    return out;
  }

  private collectAsync(tasks: number[]): Promise<unknown[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      let left = tasks.length;
      const finish = (): void => {
        try {
          resolve(this.collect(tasks));
        } catch (error) {
          reject(error);
        }
      };
      if (left === 0) { finish(); return; }
      for (const task of tasks) {
        const pending = this.pending.get(task)!;
        pending.onDone = () => { if (--left === 0) finish(); };
      }
      this.pumpAsync();
    });
  }

  /** Takes results as they arrive without blocking the thread, while async callers wait. */
  private pumpAsync(): void {
    if (this.asyncPumping) return;
    this.asyncPumping = true;
    const { words, index } = this.results.putVersionWord();
    const step = (): void => {
      // Terminated and joined while async callers waited: their work is lost, as in Python.
      if (this.freed) { this.asyncPumping = false; return; }
      while (this.receiveOne(false)) { /* drain what is there */ }
      const waiting = [...this.pending.values()].some((p) => p.onDone && !p.values && !p.error);
      if (!waiting) { this.asyncPumping = false; return; }
      const seen = Atomics.load(words, index);
      if (this.results.size() > 0) { setImmediate(step); return; }
      const wait = Atomics.waitAsync(words, index, seen, 1000);
      if (wait.async) {
        // A pending waitAsync does not keep the event loop alive: without this timer, an async
        // main awaiting mapAsync would end its worker before the results came.
        const keepAlive = setTimeout(() => undefined, 2000);
        void wait.value.then(() => {
          clearTimeout(keepAlive);
          step();
        });
      } else setImmediate(step);
    };
    step();
  }

  private waitFor(task: number): Pending {
    for (;;) {
      const pending = this.pending.get(task);
      if (!pending) throw new Error(`interleave: unknown pool task ${task}`);
      if (pending.values || pending.error) return pending;
      this.receiveOne(true);
    }
  }

  /** Receives one result frame (blocking or not); returns whether one came. */
  private receiveOne(block: boolean): boolean {
    if (this.freed) throw new Error('interleave: Pool was terminated and joined; this task\'s result will never come');
    let blocked = false;
    const loc = -1;
    let frame = null;
    try {
      frame = this.results.get(block ? Infinity : 0, () => {
        blocked = true;
        enterBlocked(this.id, BlockReason.POOL, Infinity, loc);
      });
    } finally {
      if (blocked) leaveBlocked(this.id, BlockReason.POOL, frame !== null);
    }
    if (!frame) return false;
    const message = deserialize(frame.bytes) as ResultMessage;
    rt().recorder.record(EventKind.TASK_RESULT, this.id, message.t, message.ok ? 1 : 0, 0, -1);
    const pending = this.pending.get(message.t);
    if (pending) {
      if (message.ok) pending.values = message.v ? decodeList(message.v) : [];
      else pending.error = new TaskError(message.e ?? { name: 'Error', message: 'task failed', stack: '' });
      pending.onDone?.();
    }
    return true;
  }
}
