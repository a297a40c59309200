/**
 * This thread's termination-safe sections (the protocol is in shared/termination-guard.ts):
 * futex-mutex.ts enters one around every runtime mutex it holds. Before initRuntime() wires the
 * thread's word (and in the supervisor, which terminates but is never terminated) they cost nothing.
 */
import { PROC_GUARD, procIndex } from '../shared/control-block';
import { TerminationGuard } from '../shared/termination-guard';

let guard: TerminationGuard | null = null;

export function initGuardedSections(control: Int32Array, pid: number): void {
  guard = new TerminationGuard(control, procIndex(pid, PROC_GUARD));
}

export function enterGuarded(): void {
  guard?.enter();
}

export function leaveGuarded(): void {
  guard?.leave();
}
