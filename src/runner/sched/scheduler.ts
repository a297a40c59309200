/**
 * The controlled scheduler: it lives in the supervisor and lets exactly one thread of the run move
 * at a time (the protocol is in shared/sched-table.ts).
 *
 * It decides only when no live thread is running, so each decision depends on nothing but the
 * decisions before it: the same choices give the same interleaving, the same values and the same
 * events (what replay rests on). A thread that can move is one parked at a plain point, or parked
 * in a wait whose word has changed or whose virtual deadline has come. When no thread can move,
 * virtual time jumps to the earliest deadline (a sleep or a timed wait ends); when there is none,
 * the run is stuck, and the supervisor's deadlock detector is asked at once.
 *
 * It wakes on the doorbell (CTRL_SCHED_BELL) through Atomics.waitAsync, so the supervisor's event
 * loop never blocks.
 */
import { CTRL_NEXT_PID, CTRL_SCHED_BELL, PROC_STATUS, ProcStatus, procIndex } from '../../shared/control-block';
import {
  GRANT, Grant, OBJ, OP, STATE, SchedState, VIRTUAL_TIME, WAIT_BUF, WAIT_EXPECTED, WAIT_INDEX, WaitBuf,
  deadlineIndex, rowIndex,
} from '../../shared/sched-table';
import type { Candidate, Strategy } from './strategy';

/** How long the scheduler sleeps between doorbells before it looks again (a thread killed, say). */
const IDLE_MS = 50;

/** One choice point: who could move, who did, and who had moved last. */
export interface Decision {
  chosen: number;
  enabled: number[];
  current: number;
}

export interface SchedulerHooks {
  onDecision(decision: Decision, index: number): void;
  onTimeJump(pid: number, virtualMs: number): void;
  /** No thread can move and no deadline is pending: a deadlock, or threads idle at the run's end. */
  onStuck(): void;
}

interface Parked extends Candidate {
  /** Its wait is satisfied (or it is not waiting). */
  ready: boolean;
  deadline: number;
}

export class Scheduler {
  private readonly table: Int32Array;
  private readonly times: Float64Array;
  private current = -1;
  private stopped = false;
  private stuckReported = false;
  /** Every point let go, and the choice points among them. */
  points = 0;
  readonly decisions: Decision[] = [];

  constructor(
    sched: SharedArrayBuffer,
    private readonly control: Int32Array,
    private readonly heap: Int32Array,
    private readonly strategy: Strategy,
    private readonly hooks: SchedulerHooks,
  ) {
    this.table = new Int32Array(sched);
    this.times = new Float64Array(sched);
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
  }

  /** A thread that ended without saying so (killed): the scheduler stops waiting for it. */
  gone(pid: number): void {
    Atomics.store(this.table, rowIndex(pid, STATE), SchedState.GONE);
    Atomics.add(this.control, CTRL_SCHED_BELL, 1);
    Atomics.notify(this.control, CTRL_SCHED_BELL);
  }

  /** Preemptions in the run so far: choices that stopped a thread which could have gone on. */
  get preemptions(): number {
    return countPreemptions(this.decisions);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const seen = Atomics.load(this.control, CTRL_SCHED_BELL);
      // Several turns in a row when threads park fast; the doorbell is read before each look.
      this.step();
      const wait = Atomics.waitAsync(this.control, CTRL_SCHED_BELL, seen, IDLE_MS);
      if (wait.async) await wait.value;
    }
  }

  /** One look: when every live thread is parked, let one go. */
  private step(): void {
    const parked = this.parkedThreads();
    if (parked === null || parked.length === 0) return;
    let enabled = parked.filter((p) => p.ready || p.deadline <= this.virtualTime);
    if (enabled.length === 0) {
      let earliest = Infinity;
      for (const p of parked) earliest = Math.min(earliest, p.deadline);
      if (earliest === Infinity) {
        if (!this.stuckReported) { this.stuckReported = true; this.hooks.onStuck(); }
        return;
      }
      this.times[VIRTUAL_TIME] = earliest;
      enabled = parked.filter((p) => p.deadline <= earliest);
      this.hooks.onTimeJump(enabled[0]!.pid, earliest);
    }
    this.stuckReported = false;
    let chosen = enabled[0]!;
    if (enabled.length > 1) {
      const index = this.decisions.length;
      const pid = this.strategy.pick(enabled, this.current, index);
      chosen = enabled.find((c) => c.pid === pid) ?? chosen;
      const decision: Decision = { chosen: chosen.pid, enabled: enabled.map((c) => c.pid), current: this.current };
      this.decisions.push(decision);
      this.hooks.onDecision(decision, index);
    }
    this.strategy.moved?.(chosen, enabled);
    this.points++;
    this.current = chosen.pid;
    const row = rowIndex(chosen.pid, 0);
    Atomics.store(this.table, row + STATE, SchedState.RUNNING);
    Atomics.store(this.table, row + GRANT, chosen.ready ? Grant.GO : Grant.TIMED_OUT);
    Atomics.notify(this.table, row + GRANT);
  }

  private get virtualTime(): number {
    return this.times[VIRTUAL_TIME]!;
  }

  /** The parked threads, or null while some live thread is running (or starting). */
  private parkedThreads(): Parked[] | null {
    const parked: Parked[] = [];
    const pids = Atomics.load(this.control, CTRL_NEXT_PID);
    for (let pid = 0; pid < pids; pid++) {
      const status = Atomics.load(this.control, procIndex(pid, PROC_STATUS));
      if (status === ProcStatus.UNUSED || status === ProcStatus.EXITED) continue;
      const row = rowIndex(pid, 0);
      const state = Atomics.load(this.table, row + STATE);
      if (state === SchedState.GONE) continue;
      if (state === SchedState.RUNNING) return null;
      parked.push({
        pid,
        op: this.table[row + OP]!,
        obj: this.table[row + OBJ]!,
        ready: this.waitSatisfied(row),
        deadline: this.times[deadlineIndex(pid)]!,
      });
    }
    return parked;
  }

  private waitSatisfied(row: number): boolean {
    const buf = this.table[row + WAIT_BUF];
    if (buf === WaitBuf.NONE) return true;
    if (buf === WaitBuf.NEVER) return false;
    const words = buf === WaitBuf.HEAP ? this.heap : this.control;
    return Atomics.load(words, this.table[row + WAIT_INDEX]!) !== this.table[row + WAIT_EXPECTED];
  }
}

export function countPreemptions(decisions: readonly Decision[]): number {
  let n = 0;
  for (const d of decisions) if (d.chosen !== d.current && d.enabled.includes(d.current)) n++;
  return n;
}
