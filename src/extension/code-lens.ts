/**
 * Code lenses above the functions Interleave can run: "▶ Run on N workers" and "Check for races".
 * After a "Check for races", the second lens sums up what the run found, in place, until the
 * file is edited. A file that creates a Worker (a plain worker_threads program) gets one more at
 * its top: "▶ Run file with Interleave", which runs it as `node FILE` would (Run Current File).
 * In an untrusted workspace, or with the setting off, there are none.
 */
import * as vscode from 'vscode';
import { findRunnableFunctions, findWorkerCreation, type RunnableFunction } from './function-finder';
import { summarizeFindings, type Finding } from './report';
import { readSettings } from './settings';
import { canRunCode } from './trust';

export const CODE_LENS_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'typescriptreact' },
];

/** Arguments of the interleave.runFunction command, as the lens passes them. */
export interface RunFunctionArgs {
  uri: string;
  name: string;
  mode: 'run' | 'races';
}

export class FunctionCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly results = new Map<string, { version: number; summary: string }>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly cpuCount: () => number) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.languages.match(CODE_LENS_SELECTOR, e.document) > 0) this.refreshSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('interleave')) this.changed.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const settings = readSettings(document.uri);
    if (!settings.codeLensEnabled || !canRunCode()) return [];
    const workers = settings.workers || this.cpuCount();
    const text = document.getText();
    const lenses = findRunnableFunctions(text).flatMap((f) => this.lensesFor(document, f, workers));
    if (findWorkerCreation(text) >= 0) lenses.unshift(this.runFileLens(document));
    return lenses;
  }

  /** At the top of a plain worker_threads program: run it (Run Current File). */
  private runFileLens(document: vscode.TextDocument): vscode.CodeLens {
    return new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
      title: '▶ Run file with Interleave',
      tooltip: 'Run this file as `node` would, tracing its Workers, messages, shared memory and Atomics; findings go to the Problems panel',
      command: 'interleave.runCurrentFile',
      arguments: [document.uri],
    });
  }

  /** Records what "Check for races" found, to show it on the lens. */
  setResult(uri: vscode.Uri, name: string, version: number, findings: readonly Finding[], failed: string | null): void {
    const summary = failed ?? summarizeFindings(findings);
    this.results.set(`${uri.toString()}#${name}`, { version, summary });
    this.changed.fire();
  }

  private lensesFor(document: vscode.TextDocument, f: RunnableFunction, workers: number): vscode.CodeLens[] {
    const range = new vscode.Range(f.line, 0, f.line, 0);
    const arg = (mode: RunFunctionArgs['mode']): RunFunctionArgs => ({ uri: document.uri.toString(), name: f.name, mode });
    const runsMain = f.isMain || f.isTarget;
    const result = this.results.get(`${document.uri.toString()}#${f.name}`);
    const checked = result && result.version === document.version ? `Races: ${result.summary}` : 'Check for races';
    // Above main only: the scheduler explores the whole program (interleave explore).
    const explore = f.isMain
      ? [new vscode.CodeLens(range, {
        title: 'Find a failing interleaving',
        tooltip: 'Run main again and again under controlled schedules until a lost update, deadlock or error shows',
        command: 'interleave.findFailingInterleaving',
        arguments: [document.uri],
      }), new vscode.CodeLens(range, {
        title: 'Step through interleaving',
        tooltip: 'Run main with you as the scheduler: pick which thread moves next, watch the shared values, undo',
        command: 'interleave.stepThroughInterleaving',
        arguments: [document.uri],
      })]
      : [];
    return [
      new vscode.CodeLens(range, {
        title: runsMain ? (f.isMain ? '▶ Run main' : '▶ Run main (starts this target)') : `▶ Run on ${workers} worker${workers === 1 ? '' : 's'}`,
        tooltip: runsMain ? 'Run this file\u2019s main() and show the timeline' : `Start ${workers} Processes with ${f.name} as target`,
        command: 'interleave.runFunction',
        arguments: [arg('run')],
      }),
      new vscode.CodeLens(range, {
        title: checked,
        tooltip: 'Run it and sum up the races, lost updates and deadlocks found',
        command: 'interleave.runFunction',
        arguments: [arg('races')],
      }),
      ...explore,
    ];
  }

  private refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.changed.fire(), 250);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
