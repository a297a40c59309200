/**
 * What step mode shows at a choice point, read by the supervisor while every thread is parked:
 * each thread that can move with the operation it is about to do and its line (the LOC its point
 * wrote), and every Value and Array of the run with its elements read straight from the shared
 * heap (the data directory of shared/sched-table.ts). Nothing here runs in a user's thread, so
 * looking adds no scheduling point and changes no interleaving.
 */
import { EventKind, ObjectKind, RECORD_SLOTS } from '../../shared/events';
import { defaultProcessName } from '../../shared/names';
import { PointOp, readDirectory, readElements } from '../../shared/sched-table';
import { MAX_STEP_ELEMENTS, type StepThread, type StepValue, type StepView } from '../../shared/step-protocol';
import type { RunInsides } from '../supervisor';
import { encodeSchedule } from './schedule-string';
import type { Candidate } from './strategy';

const OP_NAMES: Record<number, string> = {
  [PointOp.START]: 'start', [PointOp.READ]: 'read', [PointOp.WRITE]: 'write', [PointOp.ACQUIRE]: 'acquire',
  [PointOp.RELEASE]: 'release', [PointOp.WAIT]: 'wait', [PointOp.SLEEP]: 'sleep', [PointOp.SYNC]: 'sync',
  [PointOp.SPAWN]: 'start a process', [PointOp.JOIN]: 'join',
};
/** Ops whose OBJ is a pid, not an object id. */
const PID_OPS = new Set<number>([PointOp.START, PointOp.SPAWN, PointOp.JOIN]);

export function stepThreads(insides: RunInsides, enabled: readonly Candidate[]): StepThread[] {
  const { state } = insides;
  return enabled.map((c) => {
    const where = c.loc >= 0 ? /^(.*):(\d+):\d+$/.exec(state.strings.get(c.loc) ?? '') : null;
    const object = c.obj < 0 ? null
      : PID_OPS.has(c.op) ? (state.processNames.get(c.obj) ?? defaultProcessName(c.obj))
      : state.objectName(c.obj);
    return {
      pid: c.pid,
      name: state.processName(c.pid),
      op: OP_NAMES[c.op] ?? 'step',
      object: c.op === PointOp.START ? null : object,
      file: where ? where[1]! : null,
      line: where ? Number(where[2]) : null,
    };
  });
}

/**
 * The run's Values and Arrays, read from the heap at each choice point. At the run's end the heap
 * may no longer hold them (the last reference went with the last thread, and the block was
 * freed): there each element is the last value written to it (the run's WRITE events, in the
 * order the one moving thread made them), else the value seen at the last choice point.
 */
export class ValueWatch {
  private readonly written = new Map<string, string>();
  private readonly seen = new Map<string, string>();

  /** Takes in a batch of the run's events (its writes). */
  noteBatch(events: Float64Array): void {
    for (let at = 0; at < events.length; at += RECORD_SLOTS) {
      if (events[at + 1] === EventKind.WRITE) this.written.set(`${events[at + 3]}:${events[at + 4]}`, String(events[at + 5]));
    }
  }

  atChoice(insides: RunInsides): StepValue[] {
    return this.read(insides, (id, i, heap) => {
      this.seen.set(`${id}:${i}`, heap);
      return heap;
    });
  }

  atEnd(insides: RunInsides): StepValue[] {
    return this.read(insides, (id, i, heap) => this.written.get(`${id}:${i}`) ?? this.seen.get(`${id}:${i}`) ?? heap);
  }

  private read(insides: RunInsides, pick: (id: number, index: number, heap: string) => string): StepValue[] {
    const heap = new DataView(insides.heap);
    const out: StepValue[] = [];
    for (const entry of readDirectory(new Int32Array(insides.sched))) {
      const kind = insides.state.objectKinds.get(entry.id) === ObjectKind.ARRAY ? 'Array' : 'Value';
      const values = readElements(heap, entry, MAX_STEP_ELEMENTS).map((v, i) => pick(entry.id, i, String(v)));
      out.push({ name: insides.state.objectName(entry.id), kind, values });
    }
    return out;
  }
}

export function stepView(insides: RunInsides, enabled: readonly Candidate[], choices: readonly number[], values: StepValue[]): StepView {
  return {
    index: choices.length,
    schedule: encodeSchedule(choices),
    canUndo: choices.length > 0,
    threads: stepThreads(insides, enabled),
    values,
    ended: null,
  };
}
