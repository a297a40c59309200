/**
 * The read-only editor for `.itrace` files: the same timeline page, fed the whole trace at once
 * (or, past TIMELINE_MAX_EVENT_BYTES of events, its first part: trace-loader.ts).
 * Findings come from the CLI's report (only in a trusted workspace: nothing is started otherwise).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { reportTrace } from './cli';
import type { Services } from './services';
import { revealSource } from './source-location';
import { TimelineView, type PageSetup, type ViewCounters } from './timeline-view';
import { TIMELINE_MAX_EVENT_BYTES, loadMessage, readTraceForView, type TraceForView } from './trace-loader';
import { canRunCode } from './trust';
import { setUpTimelineWebview } from './webview-setup';

export const TRACE_EDITOR_VIEW_TYPE = 'interleave.traceViewer';

export interface TraceEditorInfo {
  uri: string;
  counters: ViewCounters;
  page: PageSetup;
}

export class TraceEditorProvider implements vscode.CustomReadonlyEditorProvider {
  private readonly open = new Map<vscode.WebviewPanel, { uri: vscode.Uri; view: TimelineView }>();

  constructor(private readonly s: Services) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  /** The trace editors open now (for the API and tests). */
  editors(): TraceEditorInfo[] {
    return [...this.open.values()].map(({ uri, view }) => ({ uri: uri.toString(), counters: { ...view.counters }, page: view.page() }));
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const { uri } = document;
    setUpTimelineWebview(panel.webview, this.s.context.extensionUri, path.basename(uri.path));
    const baseDir = uri.scheme === 'file' ? path.dirname(uri.fsPath) : '';
    const view = new TimelineView(
      panel.webview,
      (m) => {
        if (m.type === 'reveal') {
          revealSource(m.file, m.line, baseDir, m.column, panel.viewColumn).catch((e: unknown) => this.s.log.warn(`could not open ${m.file}: ${String(e)}`));
        }
      },
      this.s.log,
    );
    this.open.set(panel, { uri, view });
    panel.onDidDispose(() => {
      this.open.delete(panel);
      view.dispose();
    });
    const name = path.basename(uri.path);
    try {
      const loaded = await readTrace(uri);
      view.post(loaded.message);
      if (loaded.partial) void this.s.notices.show('warning', `Interleave: ${name}: ${loaded.partial}.`);
      if (uri.scheme === 'file' && canRunCode()) {
        const report = await reportTrace(this.s.launchOptions(), uri.fsPath).catch((e: unknown) => {
          this.s.log.warn(`no findings for ${uri.fsPath}: ${String(e)}`);
          return undefined;
        });
        if (report) view.post({ type: 'report', report });
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      void this.s.notices.show('error', `Interleave cannot open ${name}: ${why}`);
    }
  }
}

/** A local file through the bounded loader; any other file system only when small enough to hold. */
async function readTrace(uri: vscode.Uri): Promise<TraceForView> {
  if (uri.scheme === 'file') return readTraceForView(uri.fsPath);
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > TIMELINE_MAX_EVENT_BYTES) {
    throw new Error(`the trace is ${(size / 2 ** 20).toFixed(0)} MiB; traces over ${TIMELINE_MAX_EVENT_BYTES / 2 ** 20} MiB open only from a local disk`);
  }
  return { message: loadMessage(path.basename(uri.path), await vscode.workspace.fs.readFile(uri)), partial: null };
}
