/** `--until race,lost-update,deadlock,error`: which findings end an exploration. */
import type { Report } from '../../analysis';
import { UsageError } from '../run-command';

const KINDS: Record<string, readonly string[]> = {
  race: ['data-race'],
  'lost-update': ['lost-update'],
  deadlock: ['deadlock'],
  // A worker-error: an uncaught throw in any worker, the script's own assertions included.
  error: ['worker-error'],
};

export function parseUntil(text: string | undefined): Set<string> {
  if (text === undefined || text.trim() === '') throw new UsageError('explore needs --until with one or more of race, lost-update, deadlock, error');
  const kinds = new Set<string>();
  for (const word of text.split(',').map((w) => w.trim()).filter(Boolean)) {
    const mapped = KINDS[word];
    if (!mapped) throw new UsageError(`--until takes race, lost-update, deadlock, error; got '${word}'`);
    for (const kind of mapped) kinds.add(kind);
  }
  return kinds;
}

export function matchingFindings(kinds: Set<string>, report: Report): Report['findings'] {
  return report.findings.filter((f) => kinds.has(f.kind));
}
