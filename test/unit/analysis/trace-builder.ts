/**
 * A typed builder of event logs for analysis tests: each method records what the runtime would
 * record for one operation (same kinds, same slot meanings, same sequence numbers and versions),
 * so tests read as programs ("p1 acquires L, writes x, releases L") instead of float arrays.
 *
 * Time advances by 1 ms per record unless set with `at()`; `build()` can emit the records in
 * time order or grouped by thread (as a supervisor's drain may) to exercise the sort.
 */
import { BlockReason, EventKind, ExitCause, ObjectKind, RECORD_SLOTS, SCHEMA_VERSION } from '../../../src/shared/events';
import type { ParsedTrace, RunResult, TraceFooter } from '../../../src/shared/trace-file';

export type FileOrder = 'time' | 'by-thread' | 'reversed-chunks';

export class TraceBuilder {
  readonly records: number[][] = [];
  private readonly strings = new Map<number, string>();
  private readonly interned = new Map<string, number>();
  private nextString = 1;
  private nextObject = 1;
  private time = 0;
  private explicitTime: number | null = null;
  private readonly kinds = new Map<number, number>();
  private readonly versions = new Map<string, number>();
  private readonly values = new Map<string, number>();
  private readonly counters = new Map<string, number>();
  private readonly flags = new Map<number, boolean>();
  private readonly producers = new Map<string, number>();
  private readonly barrierArrived = new Map<string, number>();
  private footer: TraceFooter | null = null;

  /** Sets the time of the next record (ms). */
  at(timeMs: number): this {
    this.explicitTime = timeMs;
    return this;
  }

  str(text: string): number {
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    const id = this.nextString++;
    this.strings.set(id, text);
    this.interned.set(text, id);
    return id;
  }

  /** A location string id for "file:line:1". */
  loc(line: number, file = '/work/demo.ts'): number {
    return this.str(`${file}:${line}:1`);
  }

  /** Records one event; returns its record index. */
  emit(kind: number, thread: number, obj: number, a = 0, b = 0, c = 0, loc = -1): number {
    let time: number;
    if (this.explicitTime !== null) {
      time = this.explicitTime;
      this.explicitTime = null;
      this.time = Math.max(this.time, time);
    } else {
      time = ++this.time;
    }
    this.records.push([time, kind, thread, obj, a, b, c, loc]);
    return this.records.length - 1;
  }

  // Objects ---------------------------------------------------------------------------------

  object(kind: number, name: string, size = 0, creator = 0, loc = -1): number {
    const id = this.nextObject++;
    this.kinds.set(id, kind);
    this.emit(EventKind.OBJ_CREATE, creator, id, kind, this.str(name), size, loc);
    return id;
  }
  value(name: string, initial = 0): number {
    const id = this.object(ObjectKind.VALUE, name, 1);
    this.values.set(`${id}:0`, initial);
    return id;
  }
  array(name: string, length: number): number {
    return this.object(ObjectKind.ARRAY, name, length);
  }
  lock(name: string): number {
    return this.object(ObjectKind.LOCK, name);
  }
  rlock(name: string): number {
    return this.object(ObjectKind.RLOCK, name);
  }
  semaphore(name: string, value = 1, bounded = false): number {
    return this.object(bounded ? ObjectKind.BOUNDED_SEMAPHORE : ObjectKind.SEMAPHORE, name, value);
  }
  event(name: string): number {
    return this.object(ObjectKind.EVENT, name);
  }
  condition(name: string): number {
    return this.object(ObjectKind.CONDITION, name);
  }
  barrier(name: string, parties: number): number {
    return this.object(ObjectKind.BARRIER, name, parties);
  }
  queue(name: string): number {
    return this.object(ObjectKind.QUEUE, name);
  }
  pool(name: string): number {
    return this.object(ObjectKind.POOL, name);
  }

  // Processes -------------------------------------------------------------------------------

  /** `parent` starts `child`: PROC_START on the parent, PROC_BEGIN on the child. */
  spawn(parent: number, child: number, name = `Process-${child}`): this {
    this.emit(EventKind.PROC_START, parent, child, this.str(name), this.str('worker'));
    this.emit(EventKind.PROC_BEGIN, child, child, parent);
    return this;
  }
  begin(pid: number, parent = -1): this {
    this.emit(EventKind.PROC_BEGIN, pid, pid, parent);
    return this;
  }
  exit(pid: number, options: { code?: number; error?: string; cause?: number; loc?: number } = {}): this {
    const error = options.error === undefined ? -1 : this.str(options.error);
    const cause = options.cause ?? (options.error === undefined ? ExitCause.RETURNED : ExitCause.THREW);
    this.emit(EventKind.PROC_EXIT, pid, pid, options.code ?? (options.error === undefined ? 0 : 1), error, cause, options.loc ?? -1);
    return this;
  }
  joined(parent: number, child: number): this {
    this.emit(EventKind.PROC_JOINED, parent, child, 1);
    return this;
  }

  // Shared memory ---------------------------------------------------------------------------

  read(thread: number, obj: number, index = 0, loc = -1): number {
    const key = `${obj}:${index}`;
    return this.emit(EventKind.READ, thread, obj, index, this.values.get(key) ?? 0, this.versions.get(key) ?? 0, loc);
  }
  write(thread: number, obj: number, index: number, value: number, loc = -1): number {
    const key = `${obj}:${index}`;
    const before = this.versions.get(key) ?? 0;
    this.versions.set(key, before + 1);
    this.values.set(key, value);
    return this.emit(EventKind.WRITE, thread, obj, index, value, before, loc);
  }
  /** The current value of a location (what the last write left). */
  valueOf(obj: number, index = 0): number {
    return this.values.get(`${obj}:${index}`) ?? 0;
  }

  // Locks -----------------------------------------------------------------------------------

  acquire(thread: number, lock: number, loc = -1, waited = false): number {
    if (this.isSemaphore(lock)) {
      const releases = this.counters.get(`rel:${lock}`) ?? 0;
      return this.emit(EventKind.LOCK_ACQUIRED, thread, lock, releases, waited ? 1 : 0, 0, loc);
    }
    const seq = this.bump(`acq:${lock}`);
    return this.emit(EventKind.LOCK_ACQUIRED, thread, lock, seq, waited ? 1 : 0, 1, loc);
  }
  release(thread: number, lock: number, loc = -1): number {
    if (this.isSemaphore(lock)) {
      const seq = this.bump(`rel:${lock}`);
      return this.emit(EventKind.LOCK_RELEASED, thread, lock, seq, 0, 0, loc);
    }
    return this.emit(EventKind.LOCK_RELEASED, thread, lock, this.counters.get(`acq:${lock}`) ?? 0, 0, 0, loc);
  }
  request(thread: number, lock: number, loc = -1): number {
    return this.emit(EventKind.LOCK_REQUEST, thread, lock, 0, 0, 0, loc);
  }
  block(thread: number, obj: number, reason: number, timeoutMs = -1, loc = -1): number {
    return this.emit(EventKind.BLOCK, thread, obj, reason, timeoutMs, 0, loc);
  }
  unblock(thread: number, obj: number, reason: number, satisfied = true): number {
    return this.emit(EventKind.UNBLOCK, thread, obj, reason, satisfied ? 1 : 0);
  }
  sleep(thread: number, ms: number): number {
    return this.emit(EventKind.SLEEP, thread, -1, 0, ms);
  }

  // Queues, events, conditions, barriers, pools --------------------------------------------

  put(thread: number, queue: number, loc = -1): number {
    const seq = this.bump(`put:${queue}`);
    this.producers.set(`${queue}:${seq}`, thread);
    this.emit(EventKind.QUEUE_PUT, thread, queue, seq, 8, 0, loc);
    return seq;
  }
  /** Takes the next item (FIFO), or item `seq` when given. Returns the record index. */
  get(thread: number, queue: number, loc = -1, seq?: number): number {
    const taken = seq ?? this.bump(`get:${queue}`);
    return this.emit(EventKind.QUEUE_GET, thread, queue, taken, this.producers.get(`${queue}:${taken}`) ?? -1, 0, loc);
  }
  set(thread: number, event: number, loc = -1): number {
    const generation = this.bump(`gen:${event}`);
    this.flags.set(event, true);
    return this.emit(EventKind.EVENT_SET, thread, event, generation, 0, 0, loc);
  }
  clear(thread: number, event: number): number {
    this.flags.set(event, false);
    return this.emit(EventKind.EVENT_CLEAR, thread, event, this.counters.get(`gen:${event}`) ?? 0);
  }
  waited(thread: number, event: number, loc = -1): number {
    const flag = this.flags.get(event) === true;
    return this.emit(EventKind.EVENT_WAITED, thread, event, this.counters.get(`gen:${event}`) ?? 0, flag ? 1 : 0, 0, loc);
  }
  notify(thread: number, condition: number, n = 1): number {
    const seq = this.bump(`notify:${condition}`);
    return this.emit(EventKind.COND_NOTIFY, thread, condition, seq, n);
  }
  woken(thread: number, condition: number, timedOut = false): number {
    return this.emit(EventKind.COND_WOKEN, thread, condition, timedOut ? -1 : (this.counters.get(`notify:${condition}`) ?? 0));
  }
  arrive(thread: number, barrier: number, parties: number): number {
    const generation = this.counters.get(`bgen:${barrier}`) ?? 0;
    const index = this.bump(`barrived:${barrier}`) - 1;
    this.barrierArrived.set(`${barrier}:${thread}`, generation);
    if (index + 1 === parties) {
      this.counters.set(`barrived:${barrier}`, 0);
      this.counters.set(`bgen:${barrier}`, generation + 1);
    }
    return this.emit(EventKind.BARRIER_ARRIVE, thread, barrier, generation, index);
  }
  leave(thread: number, barrier: number, passed = true): number {
    const generation = this.barrierArrived.get(`${barrier}:${thread}`) ?? 0;
    return this.emit(EventKind.BARRIER_LEAVE, thread, barrier, generation, passed ? 1 : 0);
  }
  submit(thread: number, pool: number): number {
    const id = this.bump(`task:${pool}`);
    this.emit(EventKind.TASK_SUBMIT, thread, pool, id, 1, 0);
    return id;
  }
  taskStart(thread: number, pool: number, id: number): number {
    return this.emit(EventKind.TASK_START, thread, pool, id);
  }
  taskEnd(thread: number, pool: number, id: number): number {
    return this.emit(EventKind.TASK_END, thread, pool, id, 1);
  }
  taskResult(thread: number, pool: number, id: number): number {
    return this.emit(EventKind.TASK_RESULT, thread, pool, id);
  }

  // Output ----------------------------------------------------------------------------------

  finish(result: RunResult, options: Partial<TraceFooter> = {}): this {
    this.footer = {
      result,
      message: null,
      processes: [],
      dropped: 0,
      deadlock: null,
      durationMs: this.time + 1,
      ...options,
    };
    return this;
  }

  build(order: FileOrder = 'time'): ParsedTrace {
    let records = this.records;
    if (order === 'by-thread') {
      const threads = [...new Set(records.map((r) => r[2]))];
      records = threads.flatMap((t) => records.filter((r) => r[2] === t));
    } else if (order === 'reversed-chunks') {
      const chunks: number[][][] = [];
      for (let i = 0; i < records.length; i += 5) chunks.push(records.slice(i, i + 5));
      records = chunks.reverse().flat();
    }
    const events = new Float64Array(records.length * RECORD_SLOTS);
    records.forEach((r, i) => events.set(r, i * RECORD_SLOTS));
    return {
      header: { schema: SCHEMA_VERSION, script: '/work/demo.ts', epochWallMs: 0, cpuCount: 4, platform: 'linux', coresKnown: true, locations: 'all' },
      strings: new Map(this.strings),
      events,
      footer: this.footer,
      truncated: false,
    };
  }

  private isSemaphore(obj: number): boolean {
    const kind = this.kinds.get(obj);
    return kind === ObjectKind.SEMAPHORE || kind === ObjectKind.BOUNDED_SEMAPHORE;
  }

  private bump(key: string): number {
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }
}

export { BlockReason, EventKind, ExitCause, ObjectKind };
