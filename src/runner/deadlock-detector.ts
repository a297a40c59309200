/**
 * Live deadlock detection: a wait-for graph built from shared memory: the process table (who
 * waits, on what, timed or not) and the lock words (who holds each lock). A deadlock is a cycle of untimed waits —
 * lock → holder, join → joined process — or every live process waiting untimed at once (which
 * covers queues and conditions nobody will ever feed). A timed wait is never part of one: it
 * will time out, as Python's does.
 *
 * The graph is read while threads run, so a candidate counts only once it has been seen twice,
 * `confirmMs` apart, with no event from the processes involved in between.
 */
import { LOCK_STATE_WORD, lockHolderOf, PROC_STATUS, PROC_WAIT_FLAGS, PROC_WAIT_LOCK, PROC_WAIT_OBJ, ProcStatus, REASON_SHIFT, WaitFlag, procIndex } from '../shared/control-block';
import { BlockReason } from '../shared/events';
import { HEARTBEAT_STALE_MS, HeartbeatFlag, heartbeatFlagsIndex, heartbeatIndex } from '../shared/plain-table';
import type { DeadlockCycle, DeadlockEdge } from '../shared/trace-file';
import type { LiveState } from './live-state';

interface Wait {
  pid: number;
  obj: number;
  reason: number;
  timed: boolean;
  /** For a lock wait: the pid holding the lock, or -1. */
  holder: number;
  /** For an Atomics.wait: the byte address waited on. */
  address: number;
}

export interface DeadlockFinding {
  cycle: DeadlockCycle;
  message: string;
}

export class DeadlockDetector {
  private candidate: { key: string; progress: number; since: number } | null = null;

  constructor(
    private readonly control: Int32Array,
    private readonly heap: Int32Array,
    private readonly state: LiveState,
    /** The plain-program table (heartbeats), when the run has one. */
    private readonly plain: Int32Array | null = null,
    private readonly confirmMs = 300,
  ) {}

  /** Looks at the live processes now (`runMs`: the run clock, for heartbeats); returns a confirmed deadlock or null. */
  check(livePids: number[], now: number, runMs = 0): DeadlockFinding | null {
    const found = this.find(livePids, runMs);
    if (!found) {
      this.candidate = null;
      return null;
    }
    const key = found.cycle.edges.map((e) => `${e.waiter}>${e.object}>${e.holder}`).join(',') + `|${found.waiters.join(',')}`;
    const progress = found.waiters.reduce((sum, pid) => sum + (this.state.progress.get(pid) ?? 0), 0);
    if (!this.candidate || this.candidate.key !== key || this.candidate.progress !== progress) {
      this.candidate = { key, progress, since: now };
      return null;
    }
    if (now - this.candidate.since < this.confirmMs) return null;
    return { cycle: found.cycle, message: found.message };
  }

  private waits(livePids: number[]): Map<number, Wait> {
    const waits = new Map<number, Wait>();
    for (const pid of livePids) {
      if (Atomics.load(this.control, procIndex(pid, PROC_STATUS)) === ProcStatus.EXITED) continue;
      const flags = Atomics.load(this.control, procIndex(pid, PROC_WAIT_FLAGS));
      if ((flags & WaitFlag.WAITING) === 0) continue;
      const lockBase = Atomics.load(this.control, procIndex(pid, PROC_WAIT_LOCK));
      const reason = flags >> REASON_SHIFT;
      waits.set(pid, {
        pid,
        obj: Atomics.load(this.control, procIndex(pid, PROC_WAIT_OBJ)),
        reason,
        timed: (flags & WaitFlag.TIMED) !== 0,
        holder: reason === BlockReason.LOCK && lockBase >= 0 ? lockHolderOf(Atomics.load(this.heap, lockBase + LOCK_STATE_WORD)) : -1,
        address: reason === BlockReason.ATOMICS_WAIT ? lockBase : -1,
      });
    }
    return waits;
  }

  private find(livePids: number[], runMs: number): { cycle: DeadlockCycle; message: string; waiters: number[] } | null {
    const waits = this.waits(livePids);
    const edges = new Map<number, DeadlockEdge>();
    // Object ids and pids are separate counters that overlap: remember which edges are joins.
    const joins = new Set<number>();
    for (const wait of waits.values()) {
      if (wait.timed) continue;
      if (wait.reason === BlockReason.LOCK) {
        if (wait.holder >= 0 && wait.holder !== wait.pid) edges.set(wait.pid, { waiter: wait.pid, object: wait.obj, holder: wait.holder });
      } else if (wait.reason === BlockReason.JOIN) {
        edges.set(wait.pid, { waiter: wait.pid, object: wait.obj, holder: wait.obj });
        joins.add(wait.pid);
      }
    }
    const cycle = findCycle(edges);
    if (cycle) {
      return { cycle: { edges: cycle }, message: this.describe(cycle, joins), waiters: cycle.map((e) => e.waiter) };
    }
    const live = livePids.filter((pid) => Atomics.load(this.control, procIndex(pid, PROC_STATUS)) !== ProcStatus.EXITED);
    const untimed = [...waits.values()].filter((w) => !w.timed && w.reason !== BlockReason.SLEEP);
    if (live.length > 0 && untimed.length === live.length) {
      const known = [...edges.values()];
      const what = untimed
        .map((w) => `${this.state.processName(w.pid)} waits on ${this.waitTarget(w)}`)
        .join('; ');
      return { cycle: { edges: known }, message: `every process is blocked and none can proceed: ${what}`, waiters: untimed.map((w) => w.pid) };
    }
    return this.stalledPlainProgram(live, untimed, runMs);
  }

  /** Every live thread blocked untimed or idle with nothing but ports, one in Atomics.wait (see top). */
  private stalledPlainProgram(live: number[], untimed: Wait[], runMs: number): { cycle: DeadlockCycle; message: string; waiters: number[] } | null {
    if (!this.plain || !untimed.some((w) => w.reason === BlockReason.ATOMICS_WAIT)) return null;
    const blocked = new Set(untimed.map((w) => w.pid));
    const idle: number[] = [];
    for (const pid of live) {
      if (blocked.has(pid)) continue;
      const beat = Atomics.load(this.plain, heartbeatIndex(pid));
      const flags = Atomics.load(this.plain, heartbeatFlagsIndex(pid));
      if (beat === 0 || runMs - beat > HEARTBEAT_STALE_MS || (flags & HeartbeatFlag.ONLY_PORTS) === 0) return null;
      idle.push(pid);
    }
    const what = untimed.map((w) => `${this.state.processName(w.pid)} waits on ${this.waitTarget(w)}`);
    for (const pid of idle) what.push(`${this.state.processName(pid)} is idle (only message ports keep it alive)`);
    return {
      cycle: { edges: [] },
      message: `every thread is blocked or idle and nothing can wake any of them: ${what.join('; ')}`,
      waiters: [...untimed.map((w) => w.pid), ...idle],
    };
  }

  private waitTarget(wait: Wait): string {
    if (wait.reason === BlockReason.JOIN) return `join(${this.state.processName(wait.obj)})`;
    if (wait.reason === BlockReason.ATOMICS_WAIT) return `${this.state.objectName(wait.obj)} at byte ${wait.address} (Atomics.wait)`;
    return this.state.objectName(wait.obj);
  }

  private describe(cycle: DeadlockEdge[], joins: Set<number>): string {
    const parts = cycle.map((e) =>
      joins.has(e.waiter)
        ? `${this.state.processName(e.waiter)} waits to join ${this.state.processName(e.holder)}`
        : `${this.state.processName(e.waiter)} waits for ${this.state.objectName(e.object)} held by ${this.state.processName(e.holder)}`,
    );
    return `deadlock: ${parts.join('; ')}`;
  }
}

/** A cycle in a graph of at most one out-edge per node, or null. */
export function findCycle(edges: Map<number, DeadlockEdge>): DeadlockEdge[] | null {
  const done = new Set<number>();
  for (const start of edges.keys()) {
    if (done.has(start)) continue;
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let node: number | undefined = start;
    while (node !== undefined && !done.has(node)) {
      if (onPath.has(node)) {
        const from = onPath.get(node)!;
        return path.slice(from).map((pid) => edges.get(pid)!);
      }
      onPath.set(node, path.length);
      path.push(node);
      node = edges.get(node)?.holder;
    }
    for (const pid of path) done.add(pid);
  }
  return null;
}
