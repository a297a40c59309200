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
 * A thread that has been started but has not reached its first point yet (its Worker is booting)
 * counts as able to move, with its first point (START) pending: the threads do not wait for each
 * other's boots, and the decision still depends only on what ran before (a thread is a candidate
 * from its parent's start() on). When such a thread is chosen, the scheduler waits for it to park
 * and then lets it go.
 *
 * It wakes on the doorbell (CTRL_SCHED_BELL) through Atomics.waitAsync, so the supervisor's event
 * loop never blocks.
 */
import { CTRL_NEXT_PID, CTRL_SCHED_BELL, PROC_STATUS, ProcStatus, procIndex } from '../../shared/control-block';
import {
  GRANT, Grant, LOC, OBJ, OP, PointOp, STATE, SchedState, VIRTUAL_TIME, WAIT_BUF, WAIT_EXPECTED, WAIT_INDEX, WaitBuf,
  deadlineIndex, rowIndex,
} from '../../shared/sched-table';
import { UNDECIDED, type Candidate, type Strategy } from './strategy';

/** How long the scheduler sleeps between doorbells before it looks again (a thread killed, say). */
const IDLE_MS = 50;
/**
 * How long the scheduler watches the doorbell before it waits through the event loop: a thread let
 * go parks again within tens of microseconds when it only moves to its next point. Longer costs a
 * 2-core machine the core a booting or loading thread needs (explore, same run, alternated: 0.6 ms
 * gave 71 runs/s, 0.2 ms 79, 0.05 ms 88, 0.02 ms the same).
 */
const SPIN_MS = 0.05;
/** Every this many turns it waits through the event loop anyway, so the supervisor's other work runs. */
const SPIN_TURNS_BEFORE_YIELD = 64;

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
  /** Started, not parked yet: its Worker is still booting. */
  booting: boolean;
}

export class Scheduler {
  private readonly table: Int32Array;
  private readonly times: Float64Array;
  private current = -1;
  private stopped = false;
  private spins = 0;
  /** A booting thread that was chosen: it is let go as soon as it parks. */
  private awaiting = -1;
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

  /** Makes the scheduler look again now (a decision it was waiting for has been taken). */
  wake(): void {
    Atomics.add(this.control, CTRL_SCHED_BELL, 1);
    Atomics.notify(this.control, CTRL_SCHED_BELL);
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
      // The thread just let go usually parks again within microseconds: watching the doorbell a
      // little while costs less than a trip through the event loop (Atomics.waitAsync wakes the
      // supervisor through a task of its loop, tens of microseconds). Bounded, and between those
      // turns the loop runs as usual (drains, IPC, timers).
      if (this.spinWhile(seen)) continue;
      const wait = Atomics.waitAsync(this.control, CTRL_SCHED_BELL, seen, IDLE_MS);
      if (wait.async) await wait.value;
      // The bell rang meanwhile: still give the event loop its turn (spawn and exit messages).
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Watches the doorbell for up to SPIN_MS; true when it rang. */
  private spinWhile(seen: number): boolean {
    if (++this.spins % SPIN_TURNS_BEFORE_YIELD === 0) return false;
    const until = performance.now() + SPIN_MS;
    do {
      if (Atomics.load(this.control, CTRL_SCHED_BELL) !== seen) return true;
    } while (performance.now() < until);
    return false;
  }

  /** One look: when every live thread is parked, let one go. */
  private step(): void {
    if (this.awaiting >= 0 && !this.grantAwaited()) return;
    const parked = this.parkedThreads();
    if (parked === null || parked.length === 0) return;
    let enabled = parked.filter((p) => p.ready || p.deadline <= this.virtualTime);
    if (enabled.length === 0) {
      let earliest = Infinity;
      for (const p of parked) earliest = Math.min(earliest, p.deadline);
      if (earliest === Infinity) {
        // Asked at every look while stuck (each doorbell, at least every IDLE_MS): the detector
        // confirms a deadlock once its view of the drained events has settled.
        this.hooks.onStuck();
        return;
      }
      this.times[VIRTUAL_TIME] = earliest;
      enabled = parked.filter((p) => p.deadline <= earliest);
      this.hooks.onTimeJump(enabled[0]!.pid, earliest);
    }
    let chosen = enabled[0]!;
    if (enabled.length > 1) {
      const index = this.decisions.length;
      const pid = this.strategy.pick(enabled, this.current, index);
      // Not decided yet (step mode): nothing moves; wake() brings the next look.
      if (pid === UNDECIDED) return;
      chosen = enabled.find((c) => c.pid === pid) ?? chosen;
      const decision: Decision = { chosen: chosen.pid, enabled: enabled.map((c) => c.pid), current: this.current };
      this.decisions.push(decision);
      this.hooks.onDecision(decision, index);
    }
    this.strategy.moved?.(chosen, enabled);
    this.points++;
    this.current = chosen.pid;
    if (chosen.booting) {
      this.awaiting = chosen.pid;
      this.grantAwaited();
      return;
    }
    this.grant(chosen.pid, chosen.ready ? Grant.GO : Grant.TIMED_OUT);
  }

  private grant(pid: number, grant: number): void {
    const row = rowIndex(pid, 0);
    Atomics.store(this.table, row + STATE, SchedState.RUNNING);
    Atomics.store(this.table, row + GRANT, grant);
    Atomics.notify(this.table, row + GRANT);
  }

  /** Lets the chosen booting thread go once it has parked; true when nothing is awaited any more. */
  private grantAwaited(): boolean {
    const pid = this.awaiting;
    const status = Atomics.load(this.control, procIndex(pid, PROC_STATUS));
    const state = Atomics.load(this.table, rowIndex(pid, STATE));
    if (status === ProcStatus.EXITED || state === SchedState.GONE) {
      this.awaiting = -1;
      return true;
    }
    if (state !== SchedState.PARKED) return false;
    this.awaiting = -1;
    this.grant(pid, Grant.GO);
    return false;
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
      if (status === ProcStatus.STARTING) {
        // Let go at its START point, and not yet past it to say it runs: it is running.
        if (Atomics.load(this.table, row + GRANT) === Grant.GO) return null;
        parked.push({ pid, op: PointOp.START, obj: pid, loc: -1, ready: true, deadline: Infinity, booting: true });
        continue;
      }
      if (state === SchedState.RUNNING) return null;
      parked.push({
        pid,
        op: this.table[row + OP]!,
        obj: this.table[row + OBJ]!,
        loc: this.table[row + LOC]!,
        ready: this.waitSatisfied(row),
        deadline: this.times[deadlineIndex(pid)]!,
        booting: false,
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
