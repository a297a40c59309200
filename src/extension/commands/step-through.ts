/**
 * "Interleave: Step Through Interleaving" (palette, and a code lens above `main`): runs the file
 * with the user as the scheduler (`interleave run FILE --step`, in the runner child as every run).
 * The timeline's step panel shows, at each choice, the threads that can move with their next
 * operation and line, and the shared values; its buttons move a thread, undo the last choice
 * (an exact rerun of the choices before it) or stop. Resolves when the session ends.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../run-types';
import type { Services } from '../services';
import { ensureTrusted } from '../trust';

export const STEP_THROUGH_INTERLEAVING = 'interleave.stepThroughInterleaving';

export function registerStepThrough(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(STEP_THROUGH_INTERLEAVING, async (target?: unknown): Promise<RunOutcome | undefined> => {
    if (!ensureTrusted('Step Through Interleaving')) return undefined;
    const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file' || !/\.(m|c)?[jt]sx?$/.test(uri.fsPath)) {
      void vscode.window.showWarningMessage('Interleave: open a JavaScript or TypeScript file to step through.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    const script = uri.fsPath;
    const base = path.basename(script);
    return s.runs.run({ script, title: `${base} (step)`, baseDir: path.dirname(script), traceName: `${base.replace(/\.[^.]+$/, '')}-step`, step: true });
  });
}
