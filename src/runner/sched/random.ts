/** `random`: a seeded random walk, each choice uniform among the threads that can move. */
import { Prng } from './prng';
import type { Candidate, Strategy } from './strategy';

export class RandomStrategy implements Strategy {
  private readonly prng: Prng;

  constructor(seed: number) {
    this.prng = new Prng(seed);
  }

  pick(enabled: readonly Candidate[]): number {
    return enabled[this.prng.below(enabled.length)]!.pid;
  }
}
