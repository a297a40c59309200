/**
 * Runs in a workspace that is NOT trusted (the launcher starts VS Code with workspace trust on and
 * never trusts the folder). Nothing may run: commands refuse, code lenses that run are absent.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, codeLensTitles, openTraceInEditor, workspaceFile, writeSmallTrace } from './helpers';
import { networkCalls, processStarts, spies } from './spies';

// In before anything activates the extension (this is the suite's only file).
spies();

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

  it('Export Trace… exports nothing (it would start the CLI)', async () => {
    const trace = writeSmallTrace(path.join(os.tmpdir(), `interleave-untrusted-${process.pid}.itrace`));
    const out = path.join(os.tmpdir(), `interleave-untrusted-${process.pid}.json`);
    assert.equal(await vscode.commands.executeCommand('interleave.exportTrace', trace, 'chrome', out), undefined);
    assert.equal(fs.existsSync(out), false);
  });

  it('Open Trace… still shows a trace (read-only), and starts nothing for it', async () => {
    await openTraceInEditor(writeSmallTrace(path.join(os.tmpdir(), `interleave-untrusted-open-${process.pid}.itrace`)));
  });

  it('in the whole suite, the extension started no process and opened no connection', () => {
    assert.deepEqual(processStarts(), []);
    assert.deepEqual(networkCalls(), []);
  });
});
