import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../src/extension/run-types';
import { api, codeLensTitles, waitFor, workspaceFile } from './helpers';

function interleaveProblems(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, list]): [vscode.Uri, vscode.Diagnostic[]] => [uri, list.filter((d) => d.source === 'Interleave')])
    .filter(([, list]) => list.length > 0);
}

describe('Run Parallel Demo', () => {
  let race: RunOutcome;

  it('runs the race demo through the command API and streams it to the panel', async function () {
    this.timeout(120_000);
    const a = await api();
    const started = Date.now();
    race = (await vscode.commands.executeCommand<RunOutcome>('interleave.runDemo', 'race'))!;
    console.log(`    race demo: ${race.result}, exit ${race.exitStatus}, ${race.events} events in ${race.batches} batches, ${race.findings.length} findings, ${Date.now() - started} ms`);
    assert.ok(race, 'the command returned no outcome');
    assert.equal(race.result, 'ok', race.message ?? '');
    assert.ok(race.events > 0 && race.batches > 0);
    assert.equal(path.basename(race.script), 'race.ts');
    // The page said 'ready' and every batch was delivered into it (postMessage resolved true).
    const counters = await waitFor('the panel to receive every event', () => {
      const c = a.panelCounters();
      return c && c.ready && c.deliveredEvents >= race.events ? c : undefined;
    });
    assert.equal(counters.deliveredEvents, race.events);
    assert.equal(counters.deliveredBatches, race.batches);
  });

  it('lists the race in Problems, at the demo source lines', () => {
    assert.ok(race, 'needs the race run');
    const raceFindings = race.findings.filter((f) => f.kind === 'lost-update' || f.kind === 'data-race');
    assert.ok(raceFindings.length > 0, `no race finding: ${JSON.stringify(race.findings)}`);
    const problems = interleaveProblems();
    const inDemo = problems.filter(([uri]) => path.basename(uri.fsPath) === 'race.ts').flatMap(([, l]) => l);
    assert.ok(inDemo.length > 0, `no Problems entry in race.ts: ${JSON.stringify(problems.map(([u, l]) => [u.fsPath, l.length]))}`);
    for (const d of inDemo) {
      assert.ok(['lost-update', 'data-race'].includes(String(d.code)), `unexpected code ${String(d.code)}`);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    }
    console.log(`    Problems: ${inDemo.map((d) => `race.ts:${d.range.start.line + 1} ${String(d.code)}: ${d.message}`).join(' | ')}`);
  });

  it('clears the race from Problems on the next run (the locked demo has none)', async function () {
    this.timeout(120_000);
    const locked = await vscode.commands.executeCommand<RunOutcome>('interleave.runDemo', 'race-locked');
    assert.equal(locked?.result, 'ok', locked?.message ?? '');
    const races = interleaveProblems().flatMap(([, l]) => l).filter((d) => d.code === 'lost-update' || d.code === 'data-race');
    assert.deepEqual(races.map((d) => d.message), []);
  });

  it('Run Current File runs a plain worker_threads program and lists its race in Problems', async function () {
    this.timeout(120_000);
    const uri = workspaceFile('plain-race.js');
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runCurrentFile', uri);
    assert.equal(outcome?.result, 'ok', outcome?.message ?? '');
    const line = (await vscode.workspace.openTextDocument(uri)).getText().split('\n').findIndex((l) => l.includes('workerData[0]++'));
    const races = interleaveProblems()
      .filter(([u]) => path.basename(u.fsPath) === 'plain-race.js')
      .flatMap(([, l]) => l)
      .filter((d) => d.code === 'data-race');
    console.log(`    plain race: ${races.map((d) => `plain-race.js:${d.range.start.line + 1}: ${d.message}`).join(' | ')}`);
    assert.ok(races.some((d) => d.range.start.line === line), `no data-race at plain-race.js:${line + 1}`);
  });

  it('marks each acquisition of a deadlock cycle as an error in Problems', async function () {
    this.timeout(120_000);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runDemo', 'deadlock');
    assert.equal(outcome?.result, 'deadlock', outcome?.message ?? '');
    const deadlocks = interleaveProblems()
      .filter(([uri]) => path.basename(uri.fsPath) === 'deadlock.ts')
      .flatMap(([, l]) => l)
      .filter((d) => d.code === 'deadlock');
    console.log(`    deadlock: ${deadlocks.map((d) => `deadlock.ts:${d.range.start.line + 1}`).join(', ')}: ${deadlocks[0]?.message}`);
    assert.ok(deadlocks.length >= 2, 'both acquisitions of the cycle are marked');
    assert.ok(deadlocks.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(new Set(deadlocks.map((d) => d.range.start.line)).size >= 2, 'at two different lines');
  });

  it('"Check for races" on a function sums up the findings on its lens', async function () {
    this.timeout(120_000);
    const uri = workspaceFile('workers.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runFunction', { uri: uri.toString(), name: 'spin', mode: 'races', args: [] });
    assert.equal(outcome?.result, 'ok', outcome?.message ?? '');
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('export async function spin'));
    const titles = await waitFor('the summary lens', async () => {
      const t = (await codeLensTitles(uri)).filter((l) => l.line === line && l.title.startsWith('Races:'));
      return t.length ? t : undefined;
    });
    console.log(`    lens: ${titles[0].title}`);
  });
});
