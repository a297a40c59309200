/** "Interleave: Export Trace…": Chrome Trace Event JSON (opens in Perfetto) or a standalone HTML. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportTrace, type ExportFormat } from '../cli';
import type { Services } from '../services';
import { ensureTrusted } from '../trust';
import { pickTraceFile } from './open-trace';

export const EXPORT_TRACE = 'interleave.exportTrace';

const FORMATS: { label: string; detail: string; format: ExportFormat; ext: string }[] = [
  { label: 'Chrome Trace (JSON)', detail: 'Opens in Perfetto and chrome://tracing', format: 'chrome', ext: 'json' },
  { label: 'HTML timeline', detail: 'One self-contained file, works offline', format: 'html', ext: 'html' },
];

/** Next to the user's work (the first workspace folder), not in the extension's hidden storage. */
function defaultExportUri(tracePath: string, ext: string): vscode.Uri {
  const name = `${path.basename(tracePath, '.itrace')}.${ext}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(path.join(path.dirname(tracePath), name));
}

export function registerExportTrace(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(
    EXPORT_TRACE,
    async (trace?: unknown, format?: unknown, out?: unknown): Promise<string | undefined> => {
      // Exporting starts Interleave's CLI: in Restricted Mode nothing is started (package.json says so).
      if (!ensureTrusted('Export Trace')) return undefined;
      const tracePath = trace instanceof vscode.Uri ? trace.fsPath : typeof trace === 'string' ? trace : await pickTraceFile(s);
      if (!tracePath) return undefined;
      const chosen = FORMATS.find((f) => f.format === format) ?? (await vscode.window.showQuickPick(FORMATS, { title: 'Export trace as' }));
      if (!chosen) return undefined;
      const outFile = typeof out === 'string' ? out : (
        await vscode.window.showSaveDialog({
          title: 'Export Interleave trace',
          defaultUri: defaultExportUri(tracePath, chosen.ext),
          filters: { [chosen.label]: [chosen.ext] },
        })
      )?.fsPath;
      if (!outFile) return undefined;
      try {
        await exportTrace(s.launchOptions(), tracePath, chosen.format, outFile);
      } catch (error) {
        void s.notices.show('error', `Interleave: export failed. ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      s.log.info(`exported ${tracePath} → ${outFile}`);
      void vscode.window.showInformationMessage(`Interleave: exported ${path.basename(outFile)}.`, 'Reveal').then((c) => {
        if (c) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(outFile));
      });
      return outFile;
    },
  );
}
