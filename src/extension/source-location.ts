/** Turns a location from a trace ("file" as the runtime recorded it) into a document position. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sourceColumn } from './timeline-placement';

/** `file` may be a file: URL, an absolute path, or a path relative to the script's folder. */
export function locationUri(file: string, baseDir: string): vscode.Uri {
  if (/^file:\/\//i.test(file)) return vscode.Uri.parse(file, true);
  return vscode.Uri.file(path.isAbsolute(file) ? file : path.resolve(baseDir, file));
}

/** Opens the file at a 1-based line (and column), beside the timeline (never over it:
 *  extension/timeline-placement.ts). */
export async function revealSource(file: string, line: number, baseDir: string, column = 1, timeline?: vscode.ViewColumn): Promise<void> {
  const uri = locationUri(file, baseDir);
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(uri, {
    selection: new vscode.Range(position, position),
    viewColumn: sourceColumn(timeline),
    preserveFocus: false,
  });
}
