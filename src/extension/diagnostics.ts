/**
 * Findings as Problems: a race at each of its lines, a deadlock at each acquisition in its cycle,
 * every other location of the same finding linked as related information. One collection for
 * the extension; a new run clears it.
 */
import * as vscode from 'vscode';
import type { Finding } from './report';
import { locationUri } from './source-location';

const ERRORS = new Set(['deadlock', 'worker-error', 'timeout']);

export class FindingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('interleave');

  clear(): void {
    this.collection.clear();
  }

  show(findings: readonly Finding[], baseDir: string): void {
    this.collection.clear();
    const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const finding of findings) {
      // One entry per line: a write and a read on the same line are one place to look at.
      const lines = new Map(finding.locations.map((l) => [`${l.file}:${l.line}`, l]));
      const places = [...lines.values()].map((l) => new vscode.Location(locationUri(l.file, baseDir), new vscode.Position(l.line - 1, 0)));
      places.forEach((place, i) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(place.range.start.line, 0, place.range.start.line, Number.MAX_SAFE_INTEGER),
          finding.message,
          ERRORS.has(finding.kind) ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'Interleave';
        d.code = finding.kind;
        d.relatedInformation = places
          .filter((_, j) => j !== i)
          .map((other) => new vscode.DiagnosticRelatedInformation(other, `the other side of this ${finding.kind.replace(/-/g, ' ')}`));
        const key = place.uri.toString();
        const entry = byFile.get(key) ?? { uri: place.uri, list: [] };
        entry.list.push(d);
        byFile.set(key, entry);
      });
    }
    for (const { uri, list } of byFile.values()) this.collection.set(uri, list);
  }

  /** For tests and the API: what is shown now. */
  entries(): [vscode.Uri, readonly vscode.Diagnostic[]][] {
    const out: [vscode.Uri, readonly vscode.Diagnostic[]][] = [];
    this.collection.forEach((uri, list) => out.push([uri, list]));
    return out;
  }

  dispose(): void {
    this.collection.dispose();
  }
}
