/**
 * Runs in a workspace that is NOT trusted (the launcher starts VS Code with workspace trust on and
 * does not trust the folder). Nothing may run: commands refuse, code lenses that run are absent.
 * Last, the positive control: the user trusts the folder (the launcher presses Trust in the
 * Workspace Trust editor, as a user would), and the same spies, in the same extension host, then
 * see a lens and a run. Without it, spies that saw nothing at all would pass every check above.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../src/extension/run-types';
import { api, codeLensTitles, openTraceInEditor, waitFor, workspaceFile, writeSmallTrace } from './helpers';
import { networkCalls, processStarts, spies } from './spies';
import { canBeTrusted, TRUST_REQUEST } from './trust-request';

// In before anything activates the extension (this is the suite's only file).
const watched = spies();

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

  it('once the user trusts the folder, the same spies see its code lenses and a run (the control)', async function () {
    this.timeout(120_000);
    if (!canBeTrusted()) {
      console.log('    (no launcher here presses Trust: the control runs under code-server only)');
      this.skip();
    }
    const granted = new Promise<void>((resolve) => vscode.workspace.onDidGrantWorkspaceTrust(() => resolve()));
    await vscode.commands.executeCommand('workbench.trust.manage');
    console.log(TRUST_REQUEST);
    await Promise.race([granted, new Promise((_, reject) => setTimeout(() => reject(new Error('the folder was not trusted within 60 s')), 60_000))]);
    assert.equal(vscode.workspace.isTrusted, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const titles = await waitFor('code lenses once trusted', async () => {
      const t = await codeLensTitles(workspaceFile('workers.ts'));
      return t.length > 0 ? t : undefined;
    });
    assert.ok(titles.some((t) => t.title === 'Check for races'), JSON.stringify(titles));

    const since = watched.calls.length;
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runDemo', 'race-locked');
    assert.equal(outcome?.result, 'ok', outcome?.message ?? 'no outcome');
    const started = processStarts().filter((c) => watched.calls.indexOf(c) >= since);
    assert.deepEqual(started.map((c) => c.args[0]), ['run', 'report'], 'the spies saw the run the extension started');
    assert.equal((await api()).lastRun()?.result, 'ok');
  });
});
