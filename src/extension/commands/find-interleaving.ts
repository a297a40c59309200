/**
 * "Interleave: Find a Failing Interleaving" (palette, and a code lens above `main`): runs
 * `interleave explore` on the file as a child process (never in the extension host), shows its
 * progress (runs so far, runs per second) in a cancellable notification, and opens the failing
 * run's trace in the timeline.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isExploreProgress, type ExploreJson } from '../../shared/explore-protocol';
import { cliLaunch } from '../runner-launch';
import type { Services } from '../services';
import { ensureTrusted } from '../trust';
import { OPEN_TRACE } from './open-trace';

export const FIND_FAILING_INTERLEAVING = 'interleave.findFailingInterleaving';
const RUNS = 1000;
/** What counts as failing. Not `race`: a race is a property of the program, found in every run
 *  (Run and Check for races show it); these are what only some interleavings do. */
const UNTIL = 'lost-update,deadlock,error';

export function registerFindInterleaving(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(FIND_FAILING_INTERLEAVING, async (target?: unknown): Promise<ExploreJson | undefined> => {
    if (!ensureTrusted('Find a Failing Interleaving')) return undefined;
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file' || !/\.(m|c)?[jt]sx?$/.test(uri.fsPath)) {
      void vscode.window.showWarningMessage('Interleave: open a JavaScript or TypeScript file to explore.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    const name = path.basename(uri.fsPath).replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_');
    const tracePath = path.join(s.context.globalStorageUri.fsPath, 'traces', `${name}-failing.itrace`);
    await fs.mkdir(path.dirname(tracePath), { recursive: true });
    const found = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Interleave: exploring ${path.basename(uri.fsPath)}`, cancellable: true },
      (progress, token) => exploreInChild(s, uri.fsPath, tracePath, progress, token),
    );
    if (!found) return undefined;
    if (found.found && found.trace) {
      await vscode.commands.executeCommand(OPEN_TRACE, found.trace);
      const kinds = [...new Set(found.findings.map((f) => f.kind))].join(', ');
      void vscode.window.showInformationMessage(`Interleave: ${kinds} in run ${found.runs}; schedule ${found.schedule ?? ''}`);
    } else {
      void vscode.window.showInformationMessage(`Interleave: no failing interleaving in ${found.runs} runs (${found.runs_per_s} runs/s).`);
    }
    return found;
  });
}

function exploreInChild(
  s: Services, script: string, tracePath: string,
  progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken,
): Promise<ExploreJson | undefined> {
  const launch = cliLaunch(s.launchOptions(), ['explore', script, '--until', UNTIL, '--runs', String(RUNS), '--json', '--ipc', '--out', tracePath]);
  const child = spawn(launch.command, launch.args, { cwd: path.dirname(script), env: launch.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], windowsHide: true });
  let stdout = '';
  let stderr = '';
  let done = 0;
  child.stdout?.setEncoding('utf8').on('data', (t: string) => { stdout += t; });
  child.stderr?.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
  child.on('message', (m: unknown) => {
    if (!isExploreProgress(m)) return;
    progress.report({ message: `${m.runs} runs · ${m.runsPerS.toFixed(1)} runs/s`, increment: ((m.runs - done) * 100) / RUNS });
    done = m.runs;
  });
  const cancel = token.onCancellationRequested(() => {
    if (child.connected) child.send({ type: 'stop' });
  });
  return new Promise((resolve) => {
    child.once('error', (error) => {
      cancel.dispose();
      void vscode.window.showErrorMessage(`Interleave: could not start the runner: ${error.message}`);
      resolve(undefined);
    });
    child.once('exit', (code) => {
      cancel.dispose();
      s.log.info(`explore ${script} exited ${code}\n${stdout}${stderr}`);
      const last = stdout.trimEnd().split('\n').pop() ?? '';
      if ((code === 0 || code === 3) && last.startsWith('{')) {
        resolve(JSON.parse(last) as ExploreJson);
        return;
      }
      void vscode.window.showErrorMessage(`Interleave: exploring failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`);
      resolve(undefined);
    });
  });
}
