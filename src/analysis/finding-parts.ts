/** Small helpers for building findings: ordered, de-duplicated names and locations. */
import type { ReportLocation } from './report';
import { shortLocation, type SourceLocation } from './source-location';

export class NameList {
  private readonly seen = new Set<string>();
  readonly names: string[] = [];
  add(name: string): this {
    if (!this.seen.has(name)) { this.seen.add(name); this.names.push(name); }
    return this;
  }
}

export class LocationList {
  private readonly seen = new Set<string>();
  readonly locations: ReportLocation[] = [];
  /** Adds `location`; `keepDuplicate` lists it again even when already present. */
  add(location: SourceLocation | null, keepDuplicate = false): this {
    if (!location) return this;
    const key = `${location.file}\n${location.line}`;
    if (this.seen.has(key) && !keepDuplicate) return this;
    this.seen.add(key);
    this.locations.push({ file: location.file, line: location.line });
    return this;
  }
}

/** "race.ts:14", or "an unknown line" when the location was not captured. */
export function where(location: SourceLocation | null): string {
  return location ? shortLocation(location) : 'an unrecorded line';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim();
}

export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
