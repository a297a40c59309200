/**
 * Shared memory is invisible to V8's garbage collector: a thread that drops a thousand Queues
 * holds a few kilobytes of JS wrappers, far from any reason to collect, while the queues' shared
 * blocks wait for those wrappers to go (object-lifetime.ts). So before the shared heap grows a
 * step (or when it is at its limit), the growing thread asks for a full collection and gives back
 * at once what its collected wrappers held; only then does the heap grow. Growth is geometric, so
 * below the limit this happens a few times per run. Other threads' garbage comes back through
 * their own FinalizationRegistry callbacks.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { reclaimCollected } from './object-lifetime';
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

/** Makes `heap`, before it grows, collect this thread's garbage and give back what it held. */
export function collectBeforeGrowing(heap: SharedHeap): void {
  heap.beforeGrow = () => {
    collector()?.();
    reclaimCollected();
  };
}
