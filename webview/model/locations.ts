/** Source locations as the runtime records them: "file:line:col" (or "file:line"). */
export interface Location {
  file: string;
  line: number;
  column?: number;
}

export function parseLocation(text: string | undefined): Location | null {
  if (!text) return null;
  const m = /^(.*?):(\d+)(?::(\d+))?$/.exec(text);
  if (!m || !m[1]) return null;
  // Lines and columns are 1-based: "file:0" is not a place the host can reveal.
  const loc: Location = { file: m[1], line: Number(m[2]) };
  if (!(loc.line >= 1) || !Number.isFinite(loc.line)) return null;
  if (m[3] !== undefined && Number(m[3]) >= 1 && Number.isFinite(Number(m[3]))) loc.column = Number(m[3]);
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
