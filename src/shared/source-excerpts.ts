/**
 * The few source lines around each finding's locations, embedded in an exported HTML timeline:
 * a page has no editor to open, so its details show the lines instead (issue 12 §4). Keyed by
 * "file:line" exactly as the finding names the location.
 */
export interface SourceExcerpt {
  /** 1-based number of the first line in `lines`. */
  first: number;
  lines: string[];
}

export type SourceExcerpts = Record<string, SourceExcerpt>;

/** Lines kept either side of a location. */
export const EXCERPT_CONTEXT = 3;
/** Locations embedded at most (a file with 100,000 findings stays a page). */
export const MAX_EXCERPTS = 500;

export function excerptKey(file: string, line: number): string {
  return `${file}:${line}`;
}

/** Validates excerpts read back from a page (anything: it is checked); bad entries are dropped. */
export function parseSourceExcerpts(x: unknown): SourceExcerpts {
  const out: SourceExcerpts = {};
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return out;
  let n = 0;
  for (const [key, v] of Object.entries(x as Record<string, unknown>)) {
    if (n >= MAX_EXCERPTS) break;
    if (typeof v !== 'object' || v === null) continue;
    const { first, lines } = v as { first?: unknown; lines?: unknown };
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || !Array.isArray(lines)) continue;
    const kept: string[] = [];
    for (let i = 0; i < lines.length && i < 2 * EXCERPT_CONTEXT + 1; i++) kept.push(typeof lines[i] === 'string' ? (lines[i] as string).slice(0, 400) : '');
    // (an own property only: a key like "__proto__" must not reach the prototype)
    Object.defineProperty(out, key, { value: { first, lines: kept }, enumerable: true });
    n++;
  }
  return out;
}
