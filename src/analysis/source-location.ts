/**
 * Source locations as the recorder writes them ("file:line:col", interned as a string id) and as
 * the report contract wants them ({ file, line }). Parsed from the right, so Windows drive letters
 * and URLs ("file:///C:/x.ts:3:7") keep their colons.
 */
import { parseRecordedLocation } from '../shared/source-location';

export interface SourceLocation {
  file: string;
  line: number;
}

/** A recorded location as the report contract has it: file and line (src/shared/source-location.ts parses). */
export function parseLocation(text: string): SourceLocation | null {
  const loc = parseRecordedLocation(text);
  return loc && { file: loc.file, line: loc.line };
}

/** "race.ts:14": the file's base name and the line, for messages. */
export function shortLocation(location: SourceLocation): string {
  const parts = location.file.split(/[\\/]/);
  return `${parts[parts.length - 1] || location.file}:${location.line}`;
}

/** Frames of a V8 stack ("    at f (/x/y.ts:3:9)" or "    at /x/y.ts:3:9"). */
const STACK_FRAME = /^\s*at (?:.*? \()?(.+?:\d+:\d+)\)?\s*$/;

/**
 * The first user frame of an error's stack, for a worker-error finding when the exit event itself
 * carries no location. Frames inside node: internals and Interleave's own runtime are skipped.
 */
export function locationFromStack(text: string): SourceLocation | null {
  for (const line of text.split('\n')) {
    const frame = STACK_FRAME.exec(line);
    if (!frame) continue;
    const where = frame[1];
    if (where.startsWith('node:') || /[\\/](runtime|runner|dist)[\\/]/.test(where) || where.includes('interleave')) continue;
    const parsed = parseLocation(where);
    if (parsed) return parsed;
  }
  return null;
}
