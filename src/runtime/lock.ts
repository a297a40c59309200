/** Lock and RLock, as in Python's multiprocessing (docs/api.md, "Semantics"). */
import { ObjectKind } from '../shared/events';
import { blockingTimeout } from './blocking';
import { allocShared, registerObject, rt } from './context';
import { DEPTH, LOCK_WORDS, holderPid, isLocked, lockAcquire, lockRelease } from './lock-core';
import { SharedObject, registerSharedClass } from './shared-object';
import { runHolding } from './scoped-acquire';

export interface SyncOptions {
  /** A readable name for the trace; by default "<Kind>-<id> (file:line)". */
  name?: string;
}

/** What Condition needs of the lock it is bound to. */
export interface ConditionLock {
  readonly id: number;
  acquire(block?: boolean, timeoutMs?: number): boolean;
  release(): void;
  /** Releases fully, returning what restore() needs to take it back. */
  saveAndRelease(): number;
  restore(saved: number): void;
  isOwnedByMe(): boolean;
}

abstract class MutexBase extends SharedObject implements ConditionLock {
  protected constructor(kind: ObjectKind, label: string, options: SyncOptions) {
    super();
    const offset = allocShared(LOCK_WORDS * 4, 'a lock');
    this.attach({ id: registerObject(kind, label, options.name, 0), offset });
  }

  /** Runs fn while holding the lock, releasing it even when fn throws. Returns fn's result. */
  withLock<T>(fn: () => T): T {
    return runHolding(this, fn);
  }

  [Symbol.dispose](): void {
    this.release();
  }

  /** Whether some worker holds the lock now. */
  locked(): boolean {
    return isLocked(this.words, this.base);
  }

  isOwnedByMe(): boolean {
    return isLocked(this.words, this.base) && holderPid(this.words, this.base) === rt().boot.pid;
  }

  abstract acquire(block?: boolean, timeoutMs?: number): boolean;
  abstract release(): void;
  abstract saveAndRelease(): number;
  abstract restore(saved: number): void;
}

/** A non-reentrant lock. Any worker may release it, as in Python. */
export class Lock extends MutexBase {
  constructor(options: SyncOptions = {}) {
    super(ObjectKind.LOCK, 'Lock', options);
  }

  protected get handleKind(): string {
    return 'Lock';
  }

  acquire(block = true, timeoutMs?: number): boolean {
    return lockAcquire(this.recorder, this.words, this.base, this.id, blockingTimeout(block, timeoutMs), this.loc());
  }

  release(): void {
    lockRelease(this.recorder, this.words, this.base, this.id, this.loc());
  }

  saveAndRelease(): number {
    this.release();
    return 1;
  }

  restore(): void {
    this.acquire();
  }
}

/** A reentrant lock: owned by the worker that took it; only the owner releases it. */
export class RLock extends MutexBase {
  constructor(options: SyncOptions = {}) {
    super(ObjectKind.RLOCK, 'RLock', options);
  }

  protected get handleKind(): string {
    return 'RLock';
  }

  acquire(block = true, timeoutMs?: number): boolean {
    if (this.isOwnedByMe()) {
      Atomics.add(this.words, this.base + DEPTH, 1);
      return true;
    }
    const ok = lockAcquire(this.recorder, this.words, this.base, this.id, blockingTimeout(block, timeoutMs), this.loc(), 1);
    if (ok) Atomics.store(this.words, this.base + DEPTH, 1);
    return ok;
  }

  release(): void {
    if (!this.isOwnedByMe()) throw new Error('interleave: cannot release un-acquired lock');
    const depth = Atomics.sub(this.words, this.base + DEPTH, 1) - 1;
    if (depth === 0) lockRelease(this.recorder, this.words, this.base, this.id, this.loc());
  }

  saveAndRelease(): number {
    if (!this.isOwnedByMe()) throw new Error('interleave: cannot release un-acquired lock');
    const depth = Atomics.exchange(this.words, this.base + DEPTH, 0);
    lockRelease(this.recorder, this.words, this.base, this.id, this.loc());
    return depth;
  }

  restore(saved: number): void {
    this.acquire();
    Atomics.store(this.words, this.base + DEPTH, saved);
  }
}

registerSharedClass('Lock', Lock);
registerSharedClass('RLock', RLock);
