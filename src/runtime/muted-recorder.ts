/**
 * A recorder that records nothing: the baseline of `tracing_slowdown` (bench/run.mjs), what a
 * program costs when the same runtime runs it with recording off. Internal: the supervisor makes
 * threads use it only when INTERLEAVE_RECORDING=off is in its environment.
 *
 * The API keeps its semantics because none of it depends on the recorder: locks, queues, pools and
 * the deadlock detector work on shared memory, and the recorder only reports what they did. Every
 * record call still succeeds (nothing counts as dropped), and string ids are -1 ("no location").
 * A subclass, not a flag in Recorder: a run with recording on never loads these overrides, so its
 * call sites stay monomorphic and its record paths are the ones measured with recording on.
 */
import type { EventKind } from '../shared/events';
import { Recorder } from './recorder';

export class MutedRecorder extends Recorder {
  override record(_kind: EventKind, _obj: number, _a: number, _b: number, _c: number, _loc: number): boolean {
    return true;
  }

  override recordCheap(_kind: EventKind, _obj: number, _a: number, _b: number, _c: number, _loc: number): boolean {
    return true;
  }

  override recordAt(_time: number, _kind: EventKind, _obj: number, _a: number, _b: number, _c: number, _loc: number): boolean {
    return true;
  }

  override recordLockAcquired(_obj: number, _acquisition: number, _depth: number, _loc: number): void {}

  override recordLockReleased(_time: number, _obj: number, _acquisition: number, _waiters: number, _depth: number, _loc: number): void {}

  override intern(_text: string): number {
    return -1;
  }

  override flush(): void {}
}
