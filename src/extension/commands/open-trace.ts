/** "Interleave: Open Trace…": opens an .itrace file in the read-only trace editor. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { TRACE_EDITOR_VIEW_TYPE } from '../trace-editor';

export const OPEN_TRACE = 'interleave.openTrace';

export function registerOpenTrace(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_TRACE, async (trace?: unknown): Promise<void> => {
    const tracePath = trace instanceof vscode.Uri ? trace.fsPath : typeof trace === 'string' ? trace : await pickTraceFile(s);
    if (!tracePath) return;
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(tracePath), TRACE_EDITOR_VIEW_TYPE);
  });
}

/** The last run's trace first, then any file the user picks. */
export async function pickTraceFile(s: Services): Promise<string | undefined> {
  const last = s.runs.lastOutcome?.tracePath;
  if (last) {
    const items = [
      { label: `$(history) Last run's trace`, description: last, path: last as string | undefined },
      { label: '$(folder-opened) Choose a file…', description: '', path: undefined },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Interleave trace' });
    if (!picked) return undefined;
    if (picked.path) return picked.path;
  }
  const files = await vscode.window.showOpenDialog({ title: 'Open Interleave trace', canSelectMany: false, filters: { 'Interleave trace': ['itrace'] } });
  return files?.[0]?.fsPath;
}
