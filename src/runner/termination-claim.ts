/** The supervisor's side of the termination guard (the protocol is in shared/termination-guard.ts). */
import { GuardState } from '../shared/termination-guard';

/**
 * The supervisor's side: resolves once the thread is claimed (outside any section, and it will
 * enter none), so that terminating it now stops it in user code only. `gone()` ends the wait early
 * when the thread ended by itself meanwhile (resolves false then).
 */
export async function claimForTermination(words: Int32Array, index: number, gone: () => boolean): Promise<boolean> {
  for (;;) {
    if (gone()) return false;
    const seen = Atomics.compareExchange(words, index, GuardState.OUTSIDE, GuardState.TERMINATING);
    if (seen === GuardState.OUTSIDE || seen === GuardState.TERMINATING) return true;
    // INSIDE (or already WANTED): ask to be told when it leaves, then look again.
    if (seen === GuardState.INSIDE) Atomics.compareExchange(words, index, GuardState.INSIDE, GuardState.WANTED);
    const waited = Atomics.waitAsync(words, index, GuardState.WANTED, 20);
    if (waited.async) await waited.value;
  }
}
