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

  it('streams every event of the plain racing-counter demo (400,000 shared accesses) to the panel', async function () {
    this.timeout(120_000);
    const a = await api();
    const plain = (await vscode.commands.executeCommand<RunOutcome>('interleave.runDemo', 'plain-race'))!;
    console.log(`    plain-race demo: ${plain.result}, ${plain.events} events in ${plain.batches} batches, findings ${plain.findings.map((f) => f.kind).join(', ')}`);
    assert.equal(plain.result, 'ok', plain.message ?? '');
    // Two workers, 100,000 increments each, every one a read and a write.
    assert.ok(plain.events > 400_000, `only ${plain.events} events reached the extension`);
    const counters = await waitFor('the panel to receive every event', () => {
      const c = a.panelCounters();
      return c && c.deliveredEvents >= plain.events ? c : undefined;
    }, 60_000);
    assert.equal(counters.deliveredEvents, plain.events);
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

  it('"Check for races" on a race-free function says so on its lens', async function () {
    this.timeout(120_000);
    const title = await checkForRaces('spin');
    assert.equal(title, 'Races: no races or deadlocks found');
  });

  it('"Check for races" on main counts its findings by kind on its lens (the unlocked counter races)', async function () {
    this.timeout(120_000);
    const title = await checkForRaces('main', (outcome) => {
      // Two workers add to one Value without its lock: a data race on every run; whether an update
      // was also lost depends on the schedule, so the expected words come from this run's findings.
      assert.ok(outcome.findings.some((f) => f.kind === 'data-race'), JSON.stringify(outcome.findings.map((f) => f.kind)));
    });
    assert.match(title, /^Races: 1 data race(, 1 lost update)?$/);
  });
});

/**
 * Runs the lens's "Check for races" on a function of workers.ts and returns the title its lens
 * then shows. Before the run, the lens must read "Check for races" (no summary left from earlier);
 * after it, "Races: " and this run's findings counted by kind, in the order first found.
 */
async function checkForRaces(name: string, check?: (outcome: RunOutcome) => void): Promise<string> {
  const uri = workspaceFile('workers.ts');
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = doc.getText().split('\n').findIndex((l) => new RegExp(`^export (async )?function ${name}\\b`).test(l));
  assert.ok(line >= 0, `workers.ts has no exported function ${name}`);
  const lensOf = async (): Promise<string[]> => (await codeLensTitles(uri)).filter((l) => l.line === line && l.title !== '▶ Run main' && !l.title.startsWith('▶ Run on') && l.title !== 'Find a failing interleaving' && l.title !== 'Step through interleaving').map((l) => l.title);
  assert.deepEqual(await lensOf(), ['Check for races'], 'before the check');
  const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runFunction', { uri: uri.toString(), name, mode: 'races', args: [] });
  assert.ok(outcome && outcome.result === 'ok', outcome?.message ?? 'no outcome');
  check?.(outcome);
  const counts = new Map<string, number>();
  for (const f of outcome.findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const expected = counts.size === 0
    ? 'Races: no races or deadlocks found'
    : `Races: ${[...counts].map(([kind, n]) => `${n} ${kind.replace(/-/g, ' ')}${n === 1 ? '' : 's'}`).join(', ')}`;
  const [title] = await waitFor('the summary on the lens', async () => {
    const t = (await lensOf()).filter((l) => l.startsWith('Races:'));
    return t.length ? t : undefined;
  });
  console.log(`    lens: ${name}: ${title}`);
  assert.equal(title, expected);
  return title!;
}
