/**
 * The step strategy: the user is the scheduler. At each choice point it replays its prefix (the
 * choices of the run before an undo) and, past it, asks: pick() answers UNDECIDED and `ask` is told
 * once; decide() takes the user's answer and wakes the scheduler, whose next look picks it. The
 * supervisor's event loop never waits for the user: the threads stay parked meanwhile.
 */
import { UNDECIDED, type Candidate, type Strategy } from './strategy';

export class StepStrategy implements Strategy {
  /** The choice taken at each choice point so far, in order. */
  readonly choices: number[] = [];
  private asked = -1;
  private decided: number | null = null;
  private enabled: readonly Candidate[] = [];
  /** Set by the session once the scheduler exists. */
  wake: () => void = () => {};

  constructor(
    private readonly prefix: readonly number[],
    private readonly ask: (enabled: readonly Candidate[], index: number) => void,
  ) {}

  pick(enabled: readonly Candidate[], _current: number, step: number): number {
    const listed = this.prefix[step];
    if (listed !== undefined && enabled.some((c) => c.pid === listed)) return this.take(listed);
    if (this.decided !== null && this.asked === step) return this.take(this.decided);
    if (this.asked !== step) {
      this.asked = step;
      this.decided = null;
      this.enabled = enabled;
      this.ask(enabled, step);
    }
    return UNDECIDED;
  }

  /** The user's pick for the choice asked last; false when that thread cannot move there. */
  decide(pid: number): boolean {
    if (this.asked < 0 || this.decided !== null || !this.enabled.some((c) => c.pid === pid)) return false;
    this.decided = pid;
    this.wake();
    return true;
  }

  private take(pid: number): number {
    this.choices.push(pid);
    this.decided = null;
    return pid;
  }
}
