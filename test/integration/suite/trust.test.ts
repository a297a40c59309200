/**
 * Code runs only on an explicit user action. The spies (spies.ts) go in when this file loads, the
 * first of the suite, before anything activates the extension: activation, code lenses and opening
 * a trace are then watched for any process the extension starts.
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, codeLensTitles, openTraceInEditor, waitFor, workspaceFile, writeSmallTrace } from './helpers';
import { processStarts, spies } from './spies';

const watched = spies();

describe('trust: nothing runs without an explicit user action', () => {
  it('activation starts no process and opens no connection', async function () {
    if (watched.activeBeforeSpies) {
      // Nothing can be said about activation then; the network audit at the end still holds.
      console.log('    (the extension was already active when the spies went in)');
      this.skip();
    }
    await api();
    assert.deepEqual(watched.calls, []);
  });

  it('code lenses start no process', async () => {
    const since = watched.calls.length;
    const doc = await vscode.workspace.openTextDocument(workspaceFile('workers.ts'));
    await vscode.window.showTextDocument(doc);
    await waitFor('code lenses', async () => ((await codeLensTitles(doc.uri)).length > 0 ? true : undefined));
    assert.deepEqual(watched.calls.slice(since), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opening a trace runs no script: the only process is the analysis of the file (`report`)', async () => {
    const since = watched.calls.length;
    const trace = writeSmallTrace(path.join(os.tmpdir(), `interleave-trust-${process.pid}.itrace`));
    await openTraceInEditor(trace);
    const started = processStarts().filter((c) => watched.calls.indexOf(c) >= since);
    assert.ok(started.every((c) => c.args[0] === 'report'), JSON.stringify(started));
    assert.ok(!started.some((c) => c.args.includes('run')), 'a run was started');
  });

  it('a run starts exactly one runner, on the user\u2019s command', async () => {
    const since = watched.calls.length;
    await vscode.commands.executeCommand('interleave.runDemo', 'race-locked');
    const started = processStarts().filter((c) => watched.calls.indexOf(c) >= since);
    assert.deepEqual(started.map((c) => c.args[0]), ['run', 'report']);
    const a = await api();
    assert.equal(a.lastRun()?.result, 'ok');
  });
});
