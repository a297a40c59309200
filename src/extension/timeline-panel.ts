/**
 * The "Interleave Timeline" webview panel: one at a time, reused across runs, restored after a
 * window reload by the serializer (it reloads the trace the panel last showed).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StepAction } from '../shared/step-protocol';
import type { FromWebview, ToWebview } from './panel-messages';
import { revealSource } from './source-location';
import { timelineColumn } from './timeline-placement';
import { TimelineView, type PageSetup, type ViewCounters } from './timeline-view';
import { setUpTimelineWebview, webviewOptions } from './webview-setup';

export const TIMELINE_VIEW_TYPE = 'interleave.timeline';
const LAST_TRACE_KEY = 'interleave.timeline.lastTrace';

interface PanelState {
  tracePath?: string;
}

export class TimelinePanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: TimelineView | undefined;
  /** Folder that relative source locations in the shown trace are resolved against. */
  private baseDir = '';
  /** Step mode: where the step panel's answers go (the run controller). */
  private stepAnswers: (answer: StepAction) => void = () => {};

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    /** Loads a whole trace file into a view (used when a panel is restored). */
    private readonly loadTrace: (tracePath: string, post: (m: ToWebview) => void) => Promise<void>,
  ) {}

  /** Opens (or focuses) the panel, ready for a run or a trace. */
  show(title: string, baseDir: string, tracePath?: string): void {
    this.baseDir = baseDir;
    if (tracePath) void this.context.workspaceState.update(LAST_TRACE_KEY, tracePath);
    if (this.panel) {
      this.panel.title = `Interleave: ${title}`;
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      TIMELINE_VIEW_TYPE,
      `Interleave: ${title}`,
      { viewColumn: timelineColumn(), preserveFocus: true },
      // A live run keeps streaming while the tab is in the background.
      { ...webviewOptions(this.context.extensionUri), retainContextWhenHidden: true },
    );
    this.attach(panel, title);
  }

  post(message: ToWebview): void {
    this.view?.post(message);
  }

  onStepAnswer(handler: (answer: StepAction) => void): void {
    this.stepAnswers = handler;
  }

  /** Takes a message as if the panel's page had posted it (the API's test hook: the same checks, the same handling). */
  receiveFromPage(raw: unknown): boolean {
    if (!this.view) return false;
    this.view.receive(raw);
    return true;
  }

  counters(): ViewCounters | undefined {
    return this.view ? { ...this.view.counters } : undefined;
  }

  page(): PageSetup | undefined {
    return this.view?.page();
  }

  /** WebviewPanelSerializer: VS Code hands back a panel after a reload. */
  async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = (typeof state === 'object' && state !== null ? (state as PanelState).tracePath : undefined)
      ?? this.context.workspaceState.get<string>(LAST_TRACE_KEY);
    this.panel?.dispose();
    const title = saved ? path.basename(saved) : 'timeline';
    // The tab keeps the title VS Code last saved, which may be an earlier run's (a reload in the
    // middle of a run): name what the panel now shows.
    panel.title = `Interleave: ${title}`;
    this.attach(panel, title);
    if (saved) {
      this.baseDir = path.dirname(saved);
      try {
        await this.loadTrace(saved, (m) => this.post(m));
      } catch (error) {
        this.log.warn(`could not restore the timeline of ${saved}: ${String(error)}`);
      }
    }
  }

  private attach(panel: vscode.WebviewPanel, title: string): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
    setUpTimelineWebview(panel.webview, this.context.extensionUri, `Interleave: ${title}`);
    const view = new TimelineView(panel.webview, (m) => this.onMessage(m), this.log);
    this.view = view;
    panel.onDidDispose(() => {
      view.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.view = undefined;
      }
    });
  }

  private onMessage(m: FromWebview): void {
    if (m.type === 'step') this.stepAnswers(m.answer);
    if (m.type === 'reveal') {
      revealSource(m.file, m.line, this.baseDir, m.column, this.panel?.viewColumn).catch((error: unknown) =>
        this.log.warn(`could not open ${m.file}:${m.line}: ${String(error)}`),
      );
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
