/** Source locations as the runtime records them, parsed by src/shared/source-location.ts. */
import { type RecordedLocation, parseRecordedLocation } from '../../src/shared/source-location';

export type Location = RecordedLocation;

export function parseLocation(text: string | undefined): Location | null {
  const loc = parseRecordedLocation(text);
  // Lines and columns are 1-based: "file:0" is not a place the host can reveal.
  if (!loc || !(loc.line >= 1) || !Number.isFinite(loc.line)) return null;
  if (loc.column !== undefined && !(loc.column >= 1 && Number.isFinite(loc.column))) delete loc.column;
  return loc;
}

/** True when a recorded file names the same file as a report's (one may be relative). */
export function sameFile(recorded: string, reported: string): boolean {
  if (recorded === reported) return true;
  const a = recorded.replace(/\\/g, '/');
  const b = reported.replace(/\\/g, '/');
  return a.endsWith('/' + b) || b.endsWith('/' + a) || a.replace(/^file:\/\//, '') === b.replace(/^file:\/\//, '');
}

export function shortFile(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}
