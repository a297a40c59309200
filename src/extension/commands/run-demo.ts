/**
 * "Interleave: Run Parallel Demo": pick a lesson (or pass its name, as the walkthrough and tests
 * do), run it, show the timeline, and offer the demo's source.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMOS, demoPath, findDemo, type Demo } from '../demos';
import { parseRunOptions, type RunOutcome } from '../run-types';
import type { Services } from '../services';
import { openTimelineColumn, sourceColumn } from '../timeline-placement';
import { ensureTrusted } from '../trust';

export const RUN_DEMO = 'interleave.runDemo';

export function registerRunDemo(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(RUN_DEMO, async (name?: unknown, options?: unknown): Promise<RunOutcome | undefined> => {
    if (!ensureTrusted('Run Parallel Demo')) return undefined;
    const demo = typeof name === 'string' ? findDemo(name) : await pickDemo(s);
    if (!demo) {
      if (typeof name === 'string') void vscode.window.showErrorMessage(`Interleave has no demo named "${name}".`);
      return undefined;
    }
    const script = demoPath(s.context.extensionPath, demo);
    if (!fs.existsSync(script)) {
      void vscode.window.showErrorMessage(`The ${demo.name} demo is missing from this installation (${script}).`);
      return undefined;
    }
    const outcome = await s.runs.run({
      script,
      title: `${demo.name} demo`,
      baseDir: path.dirname(script),
      traceName: `demo-${demo.name}`,
      options: parseRunOptions(options),
      // The demo says how it went itself, with the offer of its source.
      notify: false,
    });
    if (!outcome) return undefined;
    void vscode.commands.executeCommand('setContext', demoRanContextKey(demo), true);
    void offerSource(s, demo, script, outcome);
    return outcome;
  });
}

/** The walkthrough's completion event for this demo's step (package.json: onContext:...). */
export function demoRanContextKey(demo: Demo): string {
  return `interleave.demoRan.${demo.name.replace(/-/g, '_')}`;
}

function pickDemo(s: Services): Thenable<Demo | undefined> {
  const items = DEMOS.map((demo) => ({ label: demo.title, description: demo.name, detail: demo.lesson, demo }));
  return vscode.window
    .showQuickPick(items, { title: 'Interleave: Run Parallel Demo', placeHolder: 'Pick a lesson to run and watch', matchOnDetail: true, matchOnDescription: true })
    .then((picked) => {
      s.log.debug(`demo picked: ${picked?.demo.name ?? '(none)'}`);
      return picked?.demo;
    });
}

/** Not awaited by the command: a notification waits for the user, the run's result does not. */
async function offerSource(s: Services, demo: Demo, script: string, outcome: RunOutcome): Promise<void> {
  // A lesson's deadlock or dying worker is what it teaches: said plainly, not as an error.
  const severity = outcome.result === 'crashed' ? 'error' : 'info';
  const choice = await s.notices.show(severity, `${demo.title}: ${outcome.summary.replace(/^[^:]*: /, '')}.`, 'Open Demo Source');
  // Beside the timeline, never over it (extension/timeline-placement.ts).
  if (choice) await vscode.window.showTextDocument(vscode.Uri.file(script), { viewColumn: sourceColumn(openTimelineColumn()), preview: true });
}
