/**
 * "Interleave: Run Current File": runs the active JS/TS file (saving it first): its main(), or, for
 * a file without one (a plain worker_threads program), the file as `node FILE` would run it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseRunOptions, type RunOutcome } from '../run-types';
import type { Services } from '../services';
import { ensureTrusted } from '../trust';

export const RUN_CURRENT_FILE = 'interleave.runCurrentFile';

export function registerRunFile(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(RUN_CURRENT_FILE, async (target?: unknown, options?: unknown): Promise<RunOutcome | undefined> => {
    if (!ensureTrusted('Run Current File')) return undefined;
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file' || !/\.(m|c)?[jt]sx?$/.test(uri.fsPath)) {
      void vscode.window.showWarningMessage('Interleave: open a JavaScript or TypeScript file to run.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    const base = path.basename(uri.fsPath);
    return s.runs.run({ script: uri.fsPath, title: base, baseDir: path.dirname(uri.fsPath), traceName: base.replace(/\.[^.]+$/, ''), options: parseRunOptions(options) });
  });
}
