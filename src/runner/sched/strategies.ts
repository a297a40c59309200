/** The strategies by name, each seeded: what `explore --strategy` and shrinking build runs from. */
import { UsageError } from '../run-command';
import { PctStrategy } from './pct';
import { PosStrategy } from './pos';
import { RandomStrategy } from './random';
import type { Strategy } from './strategy';

export type StrategyName = 'random' | 'pct' | 'pos';
export const STRATEGY_NAMES: readonly StrategyName[] = ['random', 'pct', 'pos'];
export const DEFAULT_PCT_DEPTH = 2;

export function parseStrategy(text: string | undefined): StrategyName {
  if (text === undefined) return 'random';
  if ((STRATEGY_NAMES as readonly string[]).includes(text)) return text as StrategyName;
  throw new UsageError(`--strategy must be random, pct or pos, got '${text}'`);
}

/** A strategy for one run. `stepsHint`: the most choice points an earlier run took (PCT's k). */
export function makeStrategy(name: StrategyName, seed: number, depth: number, stepsHint: number): Strategy {
  switch (name) {
    case 'random': return new RandomStrategy(seed);
    case 'pct': return new PctStrategy(seed, depth, stepsHint);
    case 'pos': return new PosStrategy(seed);
  }
}
