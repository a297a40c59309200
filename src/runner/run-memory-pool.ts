/**
 * The shared memory of runs repeated many times (`interleave explore` on warm threads), kept and
 * made new between runs instead of allocated afresh: a run's control block, scheduling table and
 * plain table are ~1.5 MB and each thread's ring 1 MB, and a new SharedArrayBuffer is zeroed page
 * by page as it is first touched (~3 ms a run of the 2-worker counter here, the largest part of
 * the supervisor's time per run, measured with --cpu-prof).
 *
 * A run gives its memory back only once none of its threads can touch it (warm-threads.ts: each
 * either went idle after its part or was terminated), and each buffer is reset to exactly the state
 * its allocator makes (the reset sits beside each allocator in shared/), so a run cannot tell.
 */
import { allocateControlBlock, resetControlBlock } from '../shared/control-block';
import { allocateEventRing, capacityOf, resetEventRing, type EventRingBuffers } from '../shared/event-ring';
import { createHeapBuffer, resetHeapBuffer } from '../shared/heap-layout';
import { allocatePlainTable, resetPlainTable } from '../shared/plain-table';
import { allocateSchedTable, resetSchedTable } from '../shared/sched-table';
import type { RunMemory } from '../shared/worker-protocol';

export interface RunMemorySpec {
  heapInitialBytes: number;
  heapLimitBytes: number;
  /** Under the scheduler: its table, with these STEP_FLAGS. */
  schedFlags: number | null;
}

/** A run's memory made new: the allocators' own. */
export function allocateRunMemory(spec: RunMemorySpec): RunMemory {
  return {
    control: allocateControlBlock(),
    heap: createHeapBuffer(spec.heapInitialBytes, spec.heapLimitBytes),
    doorbell: new SharedArrayBuffer(4),
    plain: allocatePlainTable(),
    ...(spec.schedFlags !== null ? { sched: allocateSchedTable(spec.schedFlags) } : {}),
  };
}

export class RunMemoryPool {
  private readonly spare: RunMemory[] = [];
  private readonly rings: SharedArrayBuffer[] = [];
  /** How much was made new rather than reused (for tests: runs in a row share one). */
  readonly allocated = { runs: 0, rings: 0 };

  /** Memory for a run: a run's given back and reset, or new. */
  take(spec: RunMemorySpec): RunMemory {
    const used = this.spare.pop();
    if (!used || (used.sched !== undefined) !== (spec.schedFlags !== null)) {
      this.allocated.runs++;
      return allocateRunMemory(spec);
    }
    const heap = resetHeapBuffer(used.heap, spec.heapInitialBytes, spec.heapLimitBytes) ? used.heap : createHeapBuffer(spec.heapInitialBytes, spec.heapLimitBytes);
    resetControlBlock(used.control);
    resetPlainTable(used.plain);
    new Int32Array(used.doorbell).fill(0);
    if (used.sched && spec.schedFlags !== null) resetSchedTable(used.sched, spec.schedFlags);
    return { ...used, heap };
  }

  /** A thread's ring of `capacity` records on the run's doorbell: a given-back one emptied, or new. */
  takeRing(capacity: number, doorbell: SharedArrayBuffer): EventRingBuffers {
    const at = this.rings.findIndex((ring) => capacityOf(ring) === capacity);
    if (at < 0) {
      this.allocated.rings++;
      return allocateEventRing(capacity, doorbell);
    }
    const [buffer] = this.rings.splice(at, 1);
    resetEventRing(buffer!);
    return { buffer: buffer!, doorbell };
  }

  /** A finished run's memory and rings: no thread of that run may be able to touch them any more. */
  give(memory: RunMemory, rings: SharedArrayBuffer[]): void {
    this.spare.push(memory);
    this.rings.push(...rings);
  }
}
