/**
 * Barrier, as in Python: `parties` threads wait until all have arrived.
 * Words: [0] arrived in this generation, [1] generation, [2] broken (1), [3] parties,
 * [4] generations passed normally. Both a pass and abort()/reset() move the generation (which the
 * waiters sleep on); a waiter passed only when [4] shows its generation completed, so a waiter
 * woken by reset() gets BrokenBarrierError even though the barrier is no longer broken.
 */
import { BlockReason, EventKind, ObjectKind } from '../shared/events';
import { deadlineOf, enterBlocked, leaveBlocked, timeoutOf, waitWhileEqual } from './blocking';
import { allocShared, registerObject, rt } from './context';
import { exportOf, findLoadedExport, type ExportRef } from './module-registry';
import { SharedObject, registerSharedClass, type ObjectFields } from './shared-object';
import { PointOp } from '../shared/sched-table';
import { schedPoint } from './sched-point';

const COUNT = 0;
const GENERATION = 1;
const BROKEN = 2;
const PARTIES = 3;
const PASSED = 4;

export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
  constructor(message = 'interleave: the barrier is broken') {
    super(message);
  }
}

export interface BarrierOptions {
  name?: string;
  /** Run by the last thread to arrive, before any is released (an exported function, so any worker can run it). */
  action?: () => unknown;
  /** Default timeout of wait(), in ms. */
  timeoutMs?: number;
}

export class Barrier extends SharedObject {
  declare private action: (() => unknown) | null;
  declare private actionRef: ExportRef | null;
  declare private defaultTimeout: number | undefined;

  constructor(parties: number, options: BarrierOptions = {}) {
    super();
    if (!Number.isInteger(parties) || parties < 1) throw new RangeError('interleave: Barrier needs parties >= 1');
    const offset = allocShared(20, 'a Barrier');
    const id = registerObject(ObjectKind.BARRIER, 'Barrier', options.name, parties);
    this.attach({ id, offset, actionRef: options.action ? exportOf(options.action) : null, timeoutMs: options.timeoutMs });
    (this as unknown as { action: (() => unknown) | null }).action = options.action ?? null;
    this.words[this.base + PARTIES] = parties;
  }

  protected override attach(fields: ObjectFields): void {
    super.attach(fields);
    const self = this as unknown as { actionRef: ExportRef | null; action: (() => unknown) | null; defaultTimeout: number | undefined };
    self.actionRef = (fields.actionRef as ExportRef | null) ?? null;
    self.action = self.actionRef ? (findLoadedExport(self.actionRef) as (() => unknown) | null) : null;
    self.defaultTimeout = fields.timeoutMs as number | undefined;
  }

  protected override handleFields(): ObjectFields {
    return { ...super.handleFields(), actionRef: this.actionRef, timeoutMs: this.defaultTimeout };
  }

  protected get handleKind(): string {
    return 'Barrier';
  }

  get parties(): number {
    return this.words[this.base + PARTIES];
  }

  get nWaiting(): number {
    return Atomics.load(this.words, this.base + COUNT);
  }

  get broken(): boolean {
    return Atomics.load(this.words, this.base + BROKEN) === 1;
  }

  /** Waits for all parties; returns this thread's arrival index, 0..parties-1. */
  wait(timeoutMs?: number): number {
    schedPoint(PointOp.SYNC, this.id);
    if (this.broken) throw new BrokenBarrierError();
    const loc = this.loc();
    const generation = Atomics.load(this.words, this.base + GENERATION);
    const index = Atomics.add(this.words, this.base + COUNT, 1);
    rt().recorder.record(EventKind.BARRIER_ARRIVE, this.id, generation, index, 0, loc);
    if (index + 1 === this.parties) {
      try {
        this.action?.();
      } catch (error) {
        this.abort();
        throw error;
      }
      Atomics.store(this.words, this.base + COUNT, 0);
      Atomics.store(this.words, this.base + PASSED, generation + 1);
      Atomics.add(this.words, this.base + GENERATION, 1);
      Atomics.notify(this.words, this.base + GENERATION);
      rt().recorder.record(EventKind.BARRIER_LEAVE, this.id, generation, 1, 0, loc);
      return index;
    }
    const timeout = timeoutOf(timeoutMs ?? this.defaultTimeout);
    enterBlocked(this.id, BlockReason.BARRIER, timeout, loc);
    let passed = false;
    let timedOut = false;
    try {
      const deadline = deadlineOf(timeout);
      while (Atomics.load(this.words, this.base + GENERATION) === generation && !this.broken) {
        if (!waitWhileEqual(this.words, this.base + GENERATION, generation, deadline)) {
          timedOut = true;
          break;
        }
      }
      passed = Atomics.load(this.words, this.base + PASSED) > generation;
    } finally {
      leaveBlocked(this.id, BlockReason.BARRIER, passed);
    }
    rt().recorder.record(EventKind.BARRIER_LEAVE, this.id, generation, passed ? 1 : 0, 0, loc);
    if (!passed) {
      // A timeout breaks the barrier for everyone (Python); a waiter woken by abort() or reset()
      // only reports it, so that it does not break a barrier that was just reset.
      if (timedOut) this.abort();
      throw new BrokenBarrierError();
    }
    return index;
  }

  /** Breaks the barrier: current and future waiters get BrokenBarrierError. */
  abort(): void {
    Atomics.store(this.words, this.base + BROKEN, 1);
    // Waiters sleep on the generation word: moving it wakes them, and they see `broken`.
    Atomics.add(this.words, this.base + GENERATION, 1);
    Atomics.notify(this.words, this.base + GENERATION);
  }

  /** Back to the initial state; threads waiting now get BrokenBarrierError. */
  reset(): void {
    this.abort();
    Atomics.store(this.words, this.base + COUNT, 0);
    Atomics.store(this.words, this.base + BROKEN, 0);
  }
}

registerSharedClass('Barrier', Barrier);
