/**
 * What the code lenses run. `main`, or a function the file's main starts as a Process/Pool target,
 * runs the file itself; any other exported function runs on N workers through a generated script,
 * after asking for its arguments when it takes any.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunFunctionArgs } from '../code-lens';
import { findRunnableFunctions } from '../function-finder';
import { summarizeFindings } from '../report';
import type { RunOutcome } from '../run-types';
import type { Services } from '../services';
import { readSettings } from '../settings';
import { ensureTrusted } from '../trust';
import { makeWrapperScript, parseArgsInput } from '../wrapper-script';

export const RUN_FUNCTION = 'interleave.runFunction';

/** Tests and other callers may pass `args` to skip the prompt. */
type Request = RunFunctionArgs & { args?: unknown[] };

export function registerRunFunction(s: Services, cpuCount: () => number): vscode.Disposable {
  return vscode.commands.registerCommand(RUN_FUNCTION, async (req?: Request): Promise<RunOutcome | undefined> => {
    if (!req || typeof req.uri !== 'string' || typeof req.name !== 'string') return undefined;
    if (!ensureTrusted(`run ${req.name}`)) return undefined;
    const uri = vscode.Uri.parse(req.uri, true);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    const fn = findRunnableFunctions(document.getText()).find((f) => f.name === req.name);
    if (!fn) {
      void vscode.window.showWarningMessage(`Interleave: ${req.name} is no longer an exported function of this file.`);
      return undefined;
    }
    const file = uri.fsPath;
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    let script = file;
    let title = path.basename(file);
    if (!fn.isMain && !fn.isTarget) {
      const args = req.args ?? (fn.params ? await promptArgs(fn.name, fn.params) : []);
      if (!args) return undefined;
      const settings = readSettings(uri);
      const workers = settings.workers || cpuCount();
      script = path.join(s.context.globalStorageUri.fsPath, 'wrappers', `${base}-${fn.name}.ts`);
      await fs.mkdir(path.dirname(script), { recursive: true });
      await fs.writeFile(script, makeWrapperScript({ modulePath: file, functionName: fn.name, workers, args }));
      title = `${fn.name} on ${workers} workers`;
    }
    const version = document.version;
    // "Check for races" says its result itself (below, and on the lens).
    const outcome = await s.runs.run({ script, title, baseDir: path.dirname(file), traceName: `${base}-${fn.name}`, notify: req.mode !== 'races' });
    if (outcome && req.mode === 'races') {
      const failed = outcome.result === 'crashed' ? `run failed: ${outcome.message ?? 'see the Interleave log'}` : null;
      s.lenses.setResult(uri, fn.name, version, outcome.findings, failed);
      void s.notices.show(failed ? 'error' : 'info', `Interleave: ${fn.name}: ${failed ?? summarizeFindings(outcome.findings)}.`);
    }
    return outcome;
  });
}

async function promptArgs(name: string, params: string): Promise<unknown[] | undefined> {
  const input = await vscode.window.showInputBox({
    title: `Arguments for ${name}(${params})`,
    prompt: 'A JSON value per parameter, comma-separated (e.g. 1000, "a"). Every worker gets the same arguments.',
    placeHolder: '1000',
    validateInput: (text) => {
      try {
        parseArgsInput(text);
        return undefined;
      } catch (error) {
        return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
  });
  return input === undefined ? undefined : parseArgsInput(input);
}
