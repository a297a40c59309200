/** The `with lock:` of Python for anything that can be acquired and released. */
export interface Acquirable {
  acquire(): boolean;
  release(): void;
}

/** Runs fn while holding `sync`, releasing it even when fn throws. Returns fn's result. */
export function runHolding<T>(sync: Acquirable, fn: () => T): T {
  sync.acquire();
  try {
    return fn();
  } finally {
    sync.release();
  }
}
