/** `--fail-on race,deadlock,error`: which findings turn a finished run into exit status 3. */
import type { Report } from '../analysis';
import { UsageError } from './run-command';

const KINDS: Record<string, readonly string[]> = {
  race: ['data-race', 'lost-update'],
  deadlock: ['deadlock', 'lock-order-inversion'],
  error: ['worker-error', 'abandoned-lock'],
};

export function parseFailOn(text: string | undefined): Set<string> {
  const kinds = new Set<string>();
  if (text === undefined) return kinds;
  for (const word of text.split(',').map((w) => w.trim()).filter(Boolean)) {
    const mapped = KINDS[word];
    if (!mapped) throw new UsageError(`--fail-on takes race, deadlock, error; got '${word}'`);
    for (const kind of mapped) kinds.add(kind);
  }
  return kinds;
}

export function failOnMatches(kinds: Set<string>, report: Report): boolean {
  return report.findings.some((f) => kinds.has(f.kind));
}
