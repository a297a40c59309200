/**
 * Runs in a workspace that is NOT trusted (the launcher starts VS Code with workspace trust on and
 * never trusts the folder). Nothing may run: commands refuse, code lenses that run are absent.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeLensTitles, workspaceFile } from './helpers';

describe('untrusted workspace', () => {
  it('is untrusted (the launcher did its job)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('Run Parallel Demo runs nothing', async () => {
    const a = await api();
    const outcome = await vscode.commands.executeCommand('interleave.runDemo', 'race');
    assert.equal(outcome, undefined);
    assert.equal(a.isRunning(), false);
    assert.equal(a.lastRun(), undefined);
    assert.equal(a.panelCounters(), undefined, 'no timeline panel was opened');
  });

  it('Run Current File and the code-lens command run nothing', async () => {
    const a = await api();
    const uri = workspaceFile('workers.ts');
    await vscode.window.showTextDocument(uri);
    assert.equal(await vscode.commands.executeCommand('interleave.runCurrentFile', uri), undefined);
    assert.equal(await vscode.commands.executeCommand('interleave.runFunction', { uri: uri.toString(), name: 'spin', mode: 'run', args: [] }), undefined);
    assert.equal(a.lastRun(), undefined);
  });

  it('shows no code lens that runs', async () => {
    const titles = await codeLensTitles(workspaceFile('workers.ts'));
    assert.deepEqual(titles, []);
  });
});
