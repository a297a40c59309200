/**
 * Issue 12 §4: scripts and demos import 'interleave', which the runner resolves at run time and
 * nobody installs. The extension's TypeScript server plugin gives the editor the module's types,
 * so VS Code's own TypeScript server shows no "Cannot find module 'interleave'" (ts2307) and does
 * check the code against the real API.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitFor, workspaceFile } from './helpers';

/** The TypeScript server's diagnostics of a document, once it has reported the expected one. */
async function diagnosticsOnceChecked(uri: vscode.Uri, expectedCode: number): Promise<vscode.Diagnostic[]> {
  const codeOf = (d: vscode.Diagnostic): number | undefined => (typeof d.code === 'object' ? Number(d.code.value) : typeof d.code === 'number' ? d.code : undefined);
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ts');
  return waitFor(`TypeScript diagnostic ${expectedCode} in ${uri.path}`, () => (current().some((d) => codeOf(d) === expectedCode) ? current() : undefined), 120_000).catch(
    (error: unknown) => {
      // Say what the server did report (an unresolved import makes the value `any`: no 2322).
      throw new Error(`${String(error)}; it reported: ${current().map((d) => `ts${String(codeOf(d))} ${d.message}`).join(' | ') || 'nothing'}`);
    },
  );
}

describe('the editor gets the interleave module\u2019s types (TypeScript server plugin)', function () {
  this.timeout(180_000);

  before(async () => {
    await api();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a user\u2019s script is checked against the real API: its deliberate type error shows, "Cannot find module" does not', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('typed-script.ts'));
    await vscode.window.showTextDocument(doc);
    // 2322: Value<'i'>.value (a number) assigned to a string, on the script's last line.
    const diagnostics = await diagnosticsOnceChecked(doc.uri, 2322);
    const messages = diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`);
    assert.deepEqual(messages, [`${doc.lineCount - 1}: Type 'number' is not assignable to type 'string'.`]);
  });
});
