/**
 * The read-only editor for `.itrace` files: the same timeline page, fed the whole trace at once.
 * Findings come from the CLI's report (only in a trusted workspace: nothing is started otherwise).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { reportTrace } from './cli';
import type { Services } from './services';
import { revealSource } from './source-location';
import { TimelineView } from './timeline-view';
import { loadMessage } from './trace-loader';
import { canRunCode } from './trust';
import { setUpTimelineWebview } from './webview-setup';

export const TRACE_EDITOR_VIEW_TYPE = 'interleave.traceViewer';

export class TraceEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly s: Services) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const { uri } = document;
    setUpTimelineWebview(panel.webview, this.s.context.extensionUri, path.basename(uri.path));
    const baseDir = uri.scheme === 'file' ? path.dirname(uri.fsPath) : '';
    const view = new TimelineView(
      panel.webview,
      (m) => {
        if (m.type === 'reveal') {
          revealSource(m.file, m.line, baseDir, m.column).catch((e: unknown) => this.s.log.warn(`could not open ${m.file}: ${String(e)}`));
        }
      },
      this.s.log,
    );
    panel.onDidDispose(() => view.dispose());
    try {
      view.post(loadMessage(path.basename(uri.path), await vscode.workspace.fs.readFile(uri)));
      if (uri.scheme === 'file' && canRunCode()) {
        const report = await reportTrace(this.s.launchOptions(), uri.fsPath).catch((e: unknown) => {
          this.s.log.warn(`no findings for ${uri.fsPath}: ${String(e)}`);
          return undefined;
        });
        if (report) view.post({ type: 'report', report });
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.s.log.error(`cannot open ${uri.toString()}: ${why}`);
      void vscode.window.showErrorMessage(`Interleave cannot open ${path.basename(uri.path)}: ${why}`);
    }
  }
}
