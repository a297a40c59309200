/** Event, as in Python: a flag threads wait on. Words: [0] flag, [1] generation (sets so far). */
import { BlockReason, EventKind, ObjectKind } from '../shared/events';
import { deadlineOf, enterBlocked, leaveBlocked, timeoutOf, waitWhileEqual } from './blocking';
import { allocShared, registerObject, rt } from './context';
import type { SyncOptions } from './lock';
import { SharedObject, registerSharedClass } from './shared-object';
import { PointOp } from '../shared/sched-table';
import { schedPoint } from './sched-point';

const FLAG = 0;
const GENERATION = 1;

export class Event extends SharedObject {
  constructor(options: SyncOptions = {}) {
    super();
    const offset = allocShared(8, 'an Event');
    this.attach({ id: registerObject(ObjectKind.EVENT, 'Event', options.name, 0), offset });
  }

  protected get handleKind(): string {
    return 'Event';
  }

  isSet(): boolean {
    return Atomics.load(this.words, this.base + FLAG) === 1;
  }

  set(): void {
    schedPoint(PointOp.SYNC, this.id);
    const generation = Atomics.add(this.words, this.base + GENERATION, 1) + 1;
    rt().recorder.record(EventKind.EVENT_SET, this.id, generation, 0, 0, this.loc());
    Atomics.store(this.words, this.base + FLAG, 1);
    Atomics.notify(this.words, this.base + FLAG);
  }

  clear(): void {
    schedPoint(PointOp.SYNC, this.id);
    Atomics.store(this.words, this.base + FLAG, 0);
    rt().recorder.record(EventKind.EVENT_CLEAR, this.id, Atomics.load(this.words, this.base + GENERATION), 0, 0, this.loc());
  }

  /** Waits until the flag is set; returns the flag (false on timeout). */
  wait(timeoutMs?: number): boolean {
    schedPoint(PointOp.SYNC, this.id);
    const loc = this.loc();
    let flag = this.isSet();
    if (!flag) {
      const timeout = timeoutOf(timeoutMs);
      if (timeout > 0) {
        enterBlocked(this.id, BlockReason.EVENT, timeout, loc);
        try {
          waitWhileEqual(this.words, this.base + FLAG, 0, deadlineOf(timeout));
          flag = this.isSet();
        } finally {
          leaveBlocked(this.id, BlockReason.EVENT, flag);
        }
      }
    }
    rt().recorder.record(EventKind.EVENT_WAITED, this.id, Atomics.load(this.words, this.base + GENERATION), flag ? 1 : 0, 0, loc);
    return flag;
  }
}

registerSharedClass('Event', Event);
