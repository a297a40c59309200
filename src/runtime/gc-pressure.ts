/**
 * Shared memory is invisible to V8's garbage collector: a thread that drops a thousand Queues
 * holds a few kilobytes of JS wrappers, far from any reason to collect, while the queues' shared
 * blocks wait for those wrappers to go (object-lifetime.ts). So before the shared heap grows a
 * step, the growing thread asks for a full collection: its unreachable wrappers are found, and
 * their FinalizationRegistry callbacks give the memory back at its next turn of the event loop,
 * before the heap needs to grow again. Growth is geometric, so this happens a few times per run.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SharedHeap } from './shared-heap';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      // --expose-gc after start-up installs gc() in contexts made from then on.
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Makes `heap` ask for a full collection in this thread before it grows. */
export function collectBeforeGrowing(heap: SharedHeap): void {
  heap.beforeGrow = () => collector()?.();
}
