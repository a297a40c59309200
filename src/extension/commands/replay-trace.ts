/**
 * "Interleave: Replay Trace…": runs again the interleaving of a trace made in scheduling mode (by
 * Find a Failing Interleaving or `interleave explore`), live in the timeline: the same values, the
 * same events in the same order, the same findings (`interleave run SCRIPT --replay TRACE`).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../run-types';
import type { Services } from '../services';
import { readTraceEnds } from '../trace-loader';
import { ensureTrusted } from '../trust';
import { pickTraceFile } from './open-trace';

export const REPLAY_TRACE = 'interleave.replayTrace';

export function registerReplayTrace(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(REPLAY_TRACE, async (trace?: unknown): Promise<RunOutcome | undefined> => {
    if (!ensureTrusted('Replay Trace')) return undefined;
    const tracePath = trace instanceof vscode.Uri ? trace.fsPath : typeof trace === 'string' ? trace : await pickTraceFile(s);
    if (!tracePath) return undefined;
    let ends: ReturnType<typeof readTraceEnds>;
    try {
      ends = readTraceEnds(tracePath);
    } catch (error) {
      void vscode.window.showErrorMessage(`Interleave: cannot read ${path.basename(tracePath)}: ${(error as Error).message}`);
      return undefined;
    }
    if (!ends.footer?.schedule) {
      void vscode.window.showWarningMessage('Interleave: this trace was not made in scheduling mode, so it holds no schedule to replay. Use Find a Failing Interleaving first.');
      return undefined;
    }
    const script = ends.header.script;
    const base = path.basename(script);
    return s.runs.run({ script, title: `${base} (replay)`, baseDir: path.dirname(script), traceName: `${base.replace(/\.[^.]+$/, '')}-replay`, replay: tracePath });
  });
}
