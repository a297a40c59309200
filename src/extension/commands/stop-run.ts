/** "Interleave: Stop Run": asks the runner to stop (it writes the trace's footer), then kills it. */
import * as vscode from 'vscode';
import type { Services } from '../services';

export const STOP_RUN = 'interleave.stopRun';

export function registerStopRun(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(STOP_RUN, (): boolean => {
    const stopped = s.runs.stop();
    if (!stopped) void vscode.window.showInformationMessage('Interleave: no run is going.');
    return stopped;
  });
}
