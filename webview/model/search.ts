/**
 * Search: the markers (mark(label)) and user spans (span(label, fn)) whose label contains the
 * text, in time order, and how many lanes are named by it. Case-insensitive; capped at 10,000
 * hits so a search in a million-marker trace answers at once.
 */
import { EventKind, Slot } from '../../src/shared/events';
import { Point } from './states';
import type { TraceModel } from './trace-model';

const MAX_HITS = 10000;

/** Refs of the marker and span-begin events whose label contains `text`, sorted by time. */
export function searchMarks(model: TraceModel, text: string): number[] {
  const q = text.trim().toLowerCase();
  const hits: number[] = [];
  if (!q) return hits;
  const matches = (ref: number): boolean => (model.name(model.store.slot(ref, Slot.a)) ?? '').toLowerCase().includes(q);
  for (const w of model.workers.values()) {
    const p = w.points;
    for (let i = 0; i < p.length && hits.length < MAX_HITS; i++) {
      if (p.category[i] === Point.MARK && matches(p.ref[i])) hits.push(p.ref[i]);
    }
    for (let i = 0; i < w.marks.length && hits.length < MAX_HITS; i++) {
      const ref = w.marks.ref[i];
      if (model.store.slot(ref, Slot.kind) === EventKind.SPAN_BEGIN && matches(ref)) hits.push(ref);
    }
  }
  hits.sort((a, b) => model.store.slot(a, Slot.time) - model.store.slot(b, Slot.time));
  return hits;
}

/** "2 lanes, 1 mark" (lanes whose name contains the text), or '' for an empty search. */
export function searchSummary(text: string, laneNames: readonly string[], marks: number): string {
  const q = text.trim().toLowerCase();
  if (!q) return '';
  const lanes = laneNames.filter((n) => n.toLowerCase().includes(q)).length;
  return `${lanes} lane${lanes === 1 ? '' : 's'}, ${marks} mark${marks === 1 ? '' : 's'}`;
}

/** The current search's hits and the one Enter last went to. */
export class SearchResults {
  hits: number[] = [];
  private at = -1;

  update(model: TraceModel, text: string): void {
    this.hits = searchMarks(model, text);
    this.at = -1;
  }

  clear(): void {
    this.hits = [];
    this.at = -1;
  }

  /** The next (dir 1) or previous hit, wrapping around; null when there is none. */
  next(dir: 1 | -1): number | null {
    const n = this.hits.length;
    if (n === 0) return null;
    this.at = (this.at + dir + n) % n;
    return this.hits[this.at];
  }
}
