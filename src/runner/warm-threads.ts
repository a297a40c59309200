/**
 * Warm threads for runs repeated many times (`interleave explore`, its shrinking): worker threads
 * that have booted Node and loaded the runner and the runtime once, and serve one run after
 * another (runtime/warm-thread.ts says how a thread forgets a run). A thread comes back here only
 * when its part of a run ended cleanly (it returned, and left nothing pending); any other end
 * (terminated, stopped, an uncaught error, process.exit) ends the thread, as in a cold run.
 *
 * Only for scripts of the Interleave API with an exported main, in CommonJS or TypeScript (see
 * serve()): an ES module cannot be evaluated afresh in the same thread, and a plain program's
 * thread (or a script without main) ends only when its event loop does.
 * The script's console output is dropped (explore's runs are quiet).
 */
import { Worker } from 'node:worker_threads';
import { isEsmFile } from './script-loader';
import { scriptShape } from './plain-program';
import { RunMemoryPool } from './run-memory-pool';

export class WarmThreads {
  private readonly idle: Worker[] = [];
  private closed = false;
  /** Threads started so far (for tests and the benchmark: how many boots the runs shared). */
  started = 0;
  /** The runs' shared memory, reused as the threads are: a run gives it back when its threads are done. */
  readonly memory = new RunMemoryPool();

  constructor(
    private readonly workerPath: string,
    /** Each thread's heap cap, as a cold run's (supervisor.ts). */
    private readonly heapMb: number,
  ) {}

  /**
   * Whether runs of `script` can use warm threads: an Interleave API script that exports main (its
   * run ends when main returns; a script without one runs until its event loop is empty).
   */
  static serve(script: string): boolean {
    const shape = scriptShape(script);
    return shape !== null && shape.importsInterleave && shape.exportsMain && !isEsmFile(script);
  }

  /** An idle thread, or a new one (it boots while the run goes on; its boot message waits for it). */
  take(): Worker {
    const ready = this.idle.pop();
    if (ready) {
      ready.removeAllListeners('exit');
      return ready;
    }
    this.started++;
    const worker = new Worker(this.workerPath, {
      workerData: { interleaveWarm: true },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    return worker;
  }

  /** A thread whose part of a run ended cleanly (its 'idle' said reusable), with no listener of that run left. */
  give(worker: Worker): void {
    if (this.closed) {
      void worker.terminate();
      return;
    }
    this.idle.push(worker);
    // A thread that dies while idle (out of memory in a finalizer, say) is not handed out again.
    worker.once('exit', () => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
  }

  /** Ends every idle thread; threads given back later are ended at once. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }
}
