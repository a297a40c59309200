/**
 * Termination-safe sections: `Process.terminate()` must never stop a thread inside the runtime's
 * own bookkeeping (the shared heap's allocator, a channel's indices), or that mutex stays held and
 * that structure half-written for every other thread of the run. Node's `worker.terminate()` stops
 * a thread at any point, so the supervisor first asks, through one word per thread in the process
 * table (PROC_GUARD, control-block.ts):
 *   0  OUTSIDE     the thread is in user code or the runtime's unguarded parts
 *   1  INSIDE      it is in a guarded section
 *   2  TERMINATING the supervisor has claimed it: it enters no section again
 *   3  WANTED      the supervisor waits for it to leave its section
 * The thread enters with compareExchange(0 → 1) and leaves with exchange(→ 0), notifying only when
 * it finds WANTED; the supervisor terminates only after its own compareExchange(0 → 2) succeeds
 * (runner/termination-claim.ts).
 * A thread that finds TERMINATING when it enters parks until the termination arrives. Sections
 * nest (a channel that grows allocates from the heap): only the outermost touches the word.
 */
export const GuardState = { OUTSIDE: 0, INSIDE: 1, TERMINATING: 2, WANTED: 3 } as const;

/** One thread's side (runtime/guarded-section.ts wires it to this thread's word). */
export class TerminationGuard {
  private depth = 0;

  constructor(private readonly words: Int32Array, private readonly index: number) {}

  enter(): void {
    if (this.depth++ > 0) return;
    if (Atomics.compareExchange(this.words, this.index, GuardState.OUTSIDE, GuardState.INSIDE) === GuardState.OUTSIDE) return;
    // Claimed for termination: never start the section; the termination ends this thread here.
    for (;;) Atomics.wait(this.words, this.index, GuardState.TERMINATING);
  }

  leave(): void {
    if (--this.depth > 0) return;
    if (Atomics.exchange(this.words, this.index, GuardState.OUTSIDE) === GuardState.WANTED) Atomics.notify(this.words, this.index);
  }
}
