/**
 * Builds real `.itrace` bytes for webview tests, with the encode functions of trace-file.ts.
 * Methods follow the runtime's recording conventions (events.ts): lock acquisitions numbered per
 * lock, queue items per queue, access versions per location, BLOCK/UNBLOCK around waits.
 */
import { BlockReason, EventKind, ObjectKind, RECORD_SLOTS, SCHEMA_VERSION } from '../../src/shared/events';
import {
  ChunkType, TRACE_MAGIC, encodeEventsChunk, encodeJsonChunk,
  type TraceFooter, type TraceHeader,
} from '../../src/shared/trace-file';

export class TraceBuilder {
  readonly strings: [number, string][] = [];
  private readonly interned = new Map<string, number>();
  private readonly events: number[] = [];
  private nextObj = 1;
  private lockSeq = new Map<number, number>();
  private queueSeq = new Map<number, number>();
  private versions = new Map<string, number>();
  private names = new Map<number, string>();
  footer: TraceFooter | null = null;
  header: TraceHeader = {
    schema: SCHEMA_VERSION, script: 'demo.ts', epochWallMs: 1_700_000_000_000, cpuCount: 4,
    platform: 'linux', coresKnown: true, locations: 'all',
  };

  str(text: string): number {
    let id = this.interned.get(text);
    if (id === undefined) {
      id = this.strings.length + 1;
      this.interned.set(text, id);
      this.strings.push([id, text]);
    }
    return id;
  }

  loc(file: string, line: number, col = 5): number {
    return this.str(`${file}:${line}:${col}`);
  }

  ev(t: number, kind: number, thread: number, obj = -1, a = 0, b = 0, c = 0, loc = -1): this {
    this.events.push(t, kind, thread, obj, a, b, c, loc);
    return this;
  }

  object(kind: number, name: string, t = 0, thread = 0, size = 0): number {
    const id = this.nextObj++;
    this.ev(t, EventKind.OBJ_CREATE, thread, id, kind, this.str(name), size, -1);
    return id;
  }

  lock(name: string, t = 0): number {
    return this.object(ObjectKind.LOCK, name, t);
  }

  value(name: string, t = 0): number {
    return this.object(ObjectKind.VALUE, name, t);
  }

  queue(name: string, t = 0): number {
    return this.object(ObjectKind.QUEUE, name, t);
  }

  /** Parent starts child; the child begins a little later on its own thread. */
  start(parent: number, child: number, name: string, t: number): this {
    this.names.set(child, name);
    this.ev(t, EventKind.PROC_START, parent, child, this.str(name), this.str('worker'), 0, -1);
    this.ev(t + 0.05, EventKind.PROC_BEGIN, child, child, parent);
    return this;
  }

  exit(pid: number, t: number, code = 0, error?: string): this {
    return this.ev(t, EventKind.PROC_EXIT, pid, pid, code, error ? this.str(error) : -1, error ? 1 : 0);
  }

  join(parent: number, child: number, t0: number, t1: number): this {
    this.ev(t0, EventKind.BLOCK, parent, child, BlockReason.JOIN, -1);
    this.ev(t1, EventKind.UNBLOCK, parent, child, BlockReason.JOIN, 1);
    return this.ev(t1, EventKind.PROC_JOINED, parent, child, 1);
  }

  /** acquire without waiting at t, or with waiting from `waitFrom` until t. */
  acquire(pid: number, lock: number, t: number, waitFrom?: number, loc = -1): this {
    if (waitFrom !== undefined) {
      this.ev(waitFrom, EventKind.LOCK_REQUEST, pid, lock, 0, 0, 0, loc);
      this.ev(waitFrom, EventKind.BLOCK, pid, lock, BlockReason.LOCK, -1, 0, loc);
      this.ev(t, EventKind.UNBLOCK, pid, lock, BlockReason.LOCK, 1);
    }
    const seq = (this.lockSeq.get(lock) ?? 0) + 1;
    this.lockSeq.set(lock, seq);
    return this.ev(t, EventKind.LOCK_ACQUIRED, pid, lock, seq, waitFrom !== undefined ? 1 : 0, 0, loc);
  }

  release(pid: number, lock: number, t: number, waitersPresent = false, loc = -1): this {
    return this.ev(t, EventKind.LOCK_RELEASED, pid, lock, this.lockSeq.get(lock) ?? 0, waitersPresent ? 1 : 0, 0, loc);
  }

  /** Blocks forever on a lock (deadlock): request + BLOCK with no UNBLOCK. */
  blockOn(pid: number, lock: number, t: number, loc = -1): this {
    this.ev(t, EventKind.LOCK_REQUEST, pid, lock, 0, 0, 0, loc);
    return this.ev(t, EventKind.BLOCK, pid, lock, BlockReason.LOCK, -1, 0, loc);
  }

  /** A read; `version` defaults to the location's current version. */
  read(pid: number, obj: number, t: number, value: number, loc = -1, version?: number, index = 0): this {
    const v = version ?? this.versions.get(`${obj}:${index}`) ?? 0;
    return this.ev(t, EventKind.READ, pid, obj, index, value, v, loc);
  }

  write(pid: number, obj: number, t: number, value: number, loc = -1, index = 0): this {
    const key = `${obj}:${index}`;
    const before = this.versions.get(key) ?? 0;
    this.versions.set(key, before + 1);
    return this.ev(t, EventKind.WRITE, pid, obj, index, value, before, loc);
  }

  version(obj: number, index = 0): number {
    return this.versions.get(`${obj}:${index}`) ?? 0;
  }

  put(pid: number, q: number, t: number, loc = -1): number {
    const seq = (this.queueSeq.get(q) ?? 0) + 1;
    this.queueSeq.set(q, seq);
    this.ev(t, EventKind.QUEUE_PUT, pid, q, seq, 64, 0, loc);
    return seq;
  }

  get(pid: number, q: number, t: number, seq: number, producer: number, blockedFrom?: number, loc = -1): this {
    if (blockedFrom !== undefined) {
      this.ev(blockedFrom, EventKind.BLOCK, pid, q, BlockReason.QUEUE_GET, -1, 0, loc);
      this.ev(t, EventKind.UNBLOCK, pid, q, BlockReason.QUEUE_GET, 1);
    }
    return this.ev(t, EventKind.QUEUE_GET, pid, q, seq, producer, 0, loc);
  }

  sleep(pid: number, t0: number, t1: number): this {
    this.ev(t0, EventKind.BLOCK, pid, -1, BlockReason.SLEEP, t1 - t0);
    return this.ev(t1, EventKind.UNBLOCK, pid, -1, BlockReason.SLEEP, 1);
  }

  mark(pid: number, t: number, label: string, loc = -1): this {
    return this.ev(t, EventKind.MARK, pid, -1, this.str(label), 0, 0, loc);
  }

  span(pid: number, t0: number, t1: number, label: string): this {
    const id = this.str(label);
    this.ev(t0, EventKind.SPAN_BEGIN, pid, -1, id);
    return this.ev(t1, EventKind.SPAN_END, pid, -1, id);
  }

  cpu(pid: number, t: number, cpu: number, running = true): this {
    return this.ev(t, EventKind.CPU, pid, pid, cpu, running ? 82 : 83, 1000 + pid);
  }

  finish(result: TraceFooter['result'], durationMs: number, extra: Partial<TraceFooter> = {}): this {
    const processes = [{ id: 0, name: 'MainProcess', exitCode: 0, error: null as string | null }];
    for (const [id, name] of this.names) processes.push({ id, name, exitCode: 0, error: null });
    this.footer = { result, message: null, processes, dropped: 0, deadlock: null, durationMs, ...extra };
    return this;
  }

  eventArray(): Float64Array {
    return Float64Array.from(this.events);
  }

  get eventCount(): number {
    return this.events.length / RECORD_SLOTS;
  }

  /** The trace file. Events are written per thread, in time order within a thread (as the runner does). */
  bytes(): Uint8Array {
    const all = this.eventArray();
    const n = all.length / RECORD_SLOTS;
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => all[x * 8 + 2] - all[y * 8 + 2] || all[x * 8] - all[y * 8] || x - y);
    const sorted = new Float64Array(all.length);
    order.forEach((from, to) => sorted.set(all.subarray(from * 8, from * 8 + 8), to * 8));
    const parts = [
      TRACE_MAGIC,
      encodeJsonChunk(ChunkType.HEADER, this.header),
      encodeJsonChunk(ChunkType.STRINGS, this.strings),
      encodeEventsChunk(sorted),
    ];
    if (this.footer) parts.push(encodeJsonChunk(ChunkType.FOOTER, this.footer));
    const total = parts.reduce((s, p) => s + p.byteLength, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.byteLength; }
    return out;
  }
}
