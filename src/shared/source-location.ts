/**
 * Source locations as the runtime records them: "file:line:col" (or "file:line"), interned as a
 * string id. Parsed here once for every room (the analysis' report, the webview's details and
 * click-to-source), from the right, so Windows drive letters and URLs ("file:///C:/x.ts:3:7")
 * keep their colons.
 */
export interface RecordedLocation {
  file: string;
  line: number;
  column?: number;
}

const WITH_COLUMN = /^(.*):(\d+):(\d+)$/;
const LINE_ONLY = /^(.*):(\d+)$/;

export function parseRecordedLocation(text: string | undefined): RecordedLocation | null {
  if (!text) return null;
  const withColumn = WITH_COLUMN.exec(text);
  const match = withColumn ?? LINE_ONLY.exec(text);
  if (!match || match[1] === '') return null;
  const loc: RecordedLocation = { file: match[1], line: Number(match[2]) };
  if (withColumn) loc.column = Number(withColumn[3]);
  return loc;
}
