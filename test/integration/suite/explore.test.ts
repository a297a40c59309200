/**
 * "Find a Failing Interleaving" in a real VS Code: from the palette command on a file whose two
 * workers add to a Value without a lock, the lost update is found and its run opens in the trace
 * view; the lens above main offers the same command; Replay Trace runs that interleaving again.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, codeLensTitles, waitFor, workspaceFile } from './helpers';

interface ExploreJson {
  found: boolean;
  runs: number;
  schedule: string | null;
  trace: string | null;
  findings: { kind: string }[];
}

describe('Find a Failing Interleaving', function () {
  this.timeout(180_000);
  let failing: string | null = null;

  it('is offered by a lens above main', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('lost-update.ts'));
    const titles = await waitFor('lenses', async () => {
      const t = await codeLensTitles(doc.uri);
      return t.length > 0 ? t : undefined;
    });
    assert.ok(titles.some((t) => t.title === 'Find a failing interleaving'), JSON.stringify(titles));
  });

  it('finds the lost update of an unlocked counter and opens the failing run in the trace view', async () => {
    const before = (await api()).traceEditors().length;
    const found = await vscode.commands.executeCommand<ExploreJson>('interleave.findFailingInterleaving', workspaceFile('lost-update.ts'));
    assert.ok(found, 'the command returned nothing');
    assert.equal(found.found, true);
    assert.ok(found.findings.some((f) => f.kind === 'lost-update'), JSON.stringify(found.findings));
    assert.match(found.schedule ?? '', /^is1:/);
    await waitFor('the failing run in a trace view', async () => ((await api()).traceEditors().length > before ? true : undefined));
    failing = found.trace;
  });

  it('Replay Trace runs that interleaving again in the timeline, with the same lost update', async () => {
    assert.ok(failing, 'no failing trace from the test before');
    const outcome = await vscode.commands.executeCommand<{ exitStatus: number; findings: { kind: string }[] }>('interleave.replayTrace', failing);
    assert.ok(outcome, 'the command returned nothing');
    assert.equal(outcome.exitStatus, 0);
    assert.ok(outcome.findings.some((f) => f.kind === 'lost-update'), JSON.stringify(outcome.findings));
  });
});
