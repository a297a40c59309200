/**
 * What activate() returns: a small API for the integration tests (and other extensions) to
 * observe runs without reaching into the UI.
 */
import type * as vscode from 'vscode';
import type { StepView } from '../shared/step-protocol';
import type { ActivationTime } from './load-clock';
import type { RunOutcome } from './run-types';
import type { Notice } from './notices';
import type { TraceEditorInfo } from './trace-editor';
import type { PageSetup, ViewCounters } from './timeline-view';

export interface InterleaveApi {
  /** How long activation took: code loading + activate(), wall and CPU (see load-clock.ts). */
  readonly activation: ActivationTime;
  readonly onDidFinishRun: vscode.Event<RunOutcome>;
  lastRun(): RunOutcome | undefined;
  isRunning(): boolean;
  /** What the timeline panel's page has acknowledged, or undefined when no panel is open. */
  panelCounters(): ViewCounters | undefined;
  /** Current Problems entries made by Interleave. */
  diagnostics(): [vscode.Uri, readonly vscode.Diagnostic[]][];
  /** The last notifications Interleave showed (newest last). */
  notices(): readonly Notice[];
  /** The timeline panel's page setup (HTML with its CSP, webview options), when a panel is open. */
  panelPage(): PageSetup | undefined;
  /** The open trace editors: what each page acknowledged, and its setup. */
  traceEditors(): TraceEditorInfo[];
  /** Step mode: the view the runner last sent (a choice waiting for the user, or the run's end),
   *  while a step session is going. What the page shows of it is panelCounters().stepShown. */
  stepView(): StepView | undefined;
  /** Takes a message as if the timeline page had posted it (a step panel's button is
   *  `{ type: 'step', answer: { action: 'pick', pid } }`): checked and handled as the page's are. */
  postFromTimeline(message: unknown): boolean;
}
