/**
 * The worst rows of the fault matrix (docs/FAULTS.md), inside a real VS Code: each is started the
 * way a user starts it (the command API of Run Current File), and each checks the four promises:
 *
 * 1. a clear message naming what happened: the notification (api.notices()), the outcome's
 *    summary, and the end of the run delivered into the timeline page (its status line);
 * 2. the extension host still alive: the commands still work after (Open Trace, below, and the
 *    final run of the suite);
 * 3. the (partial) trace kept and openable: the .itrace exists, parses, and the trace editor
 *    (Open Trace…) loads it into its page;
 * 4. nothing left behind: no process of this extension's CLI for that script in /proc (the
 *    runner, and the `report` it starts after), and the runner's pid gone, not even a zombie.
 *    Workers are threads of the runner: with the runner gone, none can be left.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunController } from '../../../src/extension/run-controller';
import type { RunOutcome } from '../../../src/extension/run-types';
import type { LaunchOptions } from '../../../src/extension/runner-launch';
import { parseTrace, type ParsedTrace } from '../../../src/shared/trace-file';
import { EXTENSION_ID, api, cliProcesses, noCliProcessLeft, openTraceInEditor, socketKinds, waitFor, workspaceFile, type CliProcess } from './helpers';

type Expect = {
  result: RunOutcome['result'];
  /** What the notification and the summary must say. */
  says: RegExp;
  severity: 'info' | 'warning' | 'error';
  /** Whether the trace ends with a footer (false: the runner died mid-run). */
  footer: boolean;
};

/** Checks the four promises for one finished run of `fixture`. */
async function checkAftermath(fixture: string, outcome: RunOutcome | undefined, expect: Expect, runnerPids: number[] = []): Promise<ParsedTrace> {
  const a = await api();
  assert.ok(outcome, 'the command returned no outcome');
  console.log(`    ${fixture}: ${outcome.result} in ${Math.round(outcome.durationMs)} ms: ${outcome.summary}`);
  // 1. Said: in the summary, as a notification, and in the page's status line.
  assert.equal(outcome.result, expect.result, outcome.summary);
  assert.match(outcome.summary, expect.says);
  const notice = a.notices().find((n) => n.text.includes(outcome.summary));
  assert.ok(notice, `no notification said it: ${JSON.stringify(a.notices().slice(-3))}`);
  assert.equal(notice.severity, expect.severity);
  const finished = await waitFor('the end of the run in the timeline page', () => a.panelCounters()?.finished ?? undefined);
  if (expect.footer) assert.equal(finished.result, outcome.result);
  else assert.match(finished.message ?? '', expect.says);
  // 2 and 3. Kept and openable (Open Trace… is itself a command that must still work).
  assert.ok(fs.existsSync(outcome.tracePath), `${outcome.tracePath} missing`);
  const trace = parseTrace(fs.readFileSync(outcome.tracePath));
  assert.equal(trace.footer !== null, expect.footer, `footer: ${JSON.stringify(trace.footer)}`);
  assert.ok(trace.events.length > 0, 'the trace holds events');
  await openTraceInEditor(outcome.tracePath);
  assert.equal(a.isRunning(), false);
  // 4. Nothing left.
  await noCliProcessLeft(path.basename(fixture, '.ts'), runnerPids);
  return trace;
}

/** Starts a run of a fixture and waits until its runner is streaming; returns its process. */
async function startStreaming(fixture: string, options?: object): Promise<{ pending: Thenable<RunOutcome | undefined>; runner: CliProcess }> {
  const a = await api();
  const pending = vscode.commands.executeCommand<RunOutcome | undefined>('interleave.runCurrentFile', workspaceFile(fixture), options);
  await waitFor('the run to stream into the panel', () => (a.isRunning() && (a.panelCounters()?.deliveredEvents ?? 0) > 0) || undefined, 30_000);
  const [runner] = await waitFor('the runner in /proc', () => {
    const found = cliProcesses(fixture).filter((p) => p.args[0] === 'run');
    return found.length === 1 ? found : undefined;
  });
  return { pending, runner };
}

async function setTimeoutSetting(ms: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('interleave').update('timeoutMs', ms, vscode.ConfigurationTarget.Global);
}

describe('faults inside VS Code', function () {
  this.timeout(120_000);

  before(async () => {
    await api();
  });

  afterEach(async () => {
    // Whatever a test did, it must leave no runner (of any script) behind for the next one.
    await waitFor('no runner left', () => cliProcesses().every((p) => p.args[0] !== 'run') || undefined, 8_000);
  });

  it('a worker throwing: its name, line and error are said; exit 1', async () => {
    const fixture = 'fault-worker-throws.ts';
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runCurrentFile', workspaceFile(fixture));
    await checkAftermath(fixture, outcome, {
      result: 'error',
      says: /fragile-worker failed at \S*fault-worker-throws\.ts:6: Error: sensor 4 returned garbage/,
      severity: 'warning',
      footer: true,
    });
    assert.equal(outcome?.exitStatus, 1);
  });

  it('an infinite loop hits the timeout setting: "timed out", with what was still running; exit 2', async () => {
    const fixture = 'fault-infinite-loop.ts';
    await setTimeoutSetting(2000);
    try {
      const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runCurrentFile', workspaceFile(fixture));
      await checkAftermath(fixture, outcome, { result: 'timeout', says: /timed out after 2000 ms; still running: .*spinner/, severity: 'warning', footer: true });
      assert.equal(outcome?.exitStatus, 2);
      assert.ok(outcome!.durationMs < 15_000, `took ${outcome!.durationMs} ms`);
    } finally {
      await setTimeoutSetting(undefined);
    }
  });

  it('AB/BA deadlock: the cycle is named, and the run ends at once; exit 2', async () => {
    const fixture = 'fault-deadlock.ts';
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runCurrentFile', workspaceFile(fixture));
    await checkAftermath(fixture, outcome, {
      result: 'deadlock',
      says: /deadlock: worker-AB waits for lock-B held by worker-BA; worker-BA waits for lock-A held by worker-AB/,
      severity: 'warning',
      footer: true,
    });
    assert.equal(outcome?.exitStatus, 2);
  });

  it('out of memory in a worker (heap capped at 64 MB): that worker fails alone, said so; exit 1', async () => {
    const fixture = 'fault-out-of-memory.ts';
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runCurrentFile', workspaceFile(fixture), { workerHeapMb: 64 });
    const trace = await checkAftermath(fixture, outcome, { result: 'error', says: /memory-hog .*ran out of memory/, severity: 'warning', footer: true });
    assert.deepEqual(trace.footer?.processes.find((p) => p.name === 'MainProcess')?.exitCode, 0, 'main went on');
  });

  it('the interleave.workerHeapMb setting caps every worker heap of a run, as the command option does', async () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('interleave');
    await config().update('workerHeapMb', 64, vscode.ConfigurationTarget.Global);
    try {
      const fixture = 'fault-out-of-memory.ts';
      const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runCurrentFile', workspaceFile(fixture));
      const trace = await checkAftermath(fixture, outcome, { result: 'error', says: /memory-hog .*ran out of memory/, severity: 'warning', footer: true });
      assert.equal(trace.header.workerHeapMb, 64, 'the runner was started with the setting');
    } finally {
      await config().update('workerHeapMb', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Stop in the middle of a run: stopped within the grace period, the trace finished and kept', async () => {
    const fixture = 'tickers.ts';
    const a = await api();
    const { pending, runner } = await startStreaming(fixture);
    // The workers are threads of the runner (main + 2 tickers + Node's own), and it talks to the
    // extension host over a unix socket (the IPC channel), never over the network.
    assert.ok(runner.threads >= 3, `${runner.threads} threads`);
    assert.ok(!socketKinds(runner.pid).some((k) => k !== 'unix'), `runner sockets: ${socketKinds(runner.pid).join(', ')}`);
    const stopAt = Date.now();
    assert.equal(await vscode.commands.executeCommand('interleave.stopRun'), true);
    const outcome = await pending;
    console.log(`    stopped in ${Date.now() - stopAt} ms: ${outcome?.result}`);
    assert.ok(outcome?.stoppedByUser);
    assert.ok(Date.now() - stopAt < 10_000);
    const trace = await checkAftermath(fixture, outcome, { result: 'error', says: /stopped; the trace keeps the run up to the stop/, severity: 'info', footer: true }, [runner.pid]);
    assert.equal(trace.footer?.message, 'stopped by the user');
    assert.equal(a.isRunning(), false);
  });

  it('the runner killed by SIGKILL: said as such, the partial trace kept and opened', async () => {
    const fixture = 'tickers.ts';
    const { pending, runner } = await startStreaming(fixture);
    // Let some of the run reach the file first.
    await new Promise((r) => setTimeout(r, 500));
    process.kill(runner.pid, 'SIGKILL');
    const outcome = await pending;
    const trace = await checkAftermath(fixture, outcome, { result: 'crashed', says: /the runner was killed by SIGKILL before the run ended/, severity: 'error', footer: false }, [runner.pid]);
    assert.equal(outcome?.exitStatus, -1);
    assert.equal(trace.footer, null);
  });

  it('a window reload mid-run (the run controller disposed, as the closing host does): the runner stops itself and finishes its trace', async () => {
    // A controller of its own, wired as activate() wires it but with silent neighbours: disposing
    // the extension's own one would end the extension for the rest of the suite.
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'interleave-reload-'));
    const log = vscode.window.createOutputChannel('Interleave reload test', { log: true });
    const launch = (): LaunchOptions => ({ extensionRoot: ext.extensionPath, nodePath: '', execPath: process.execPath, baseEnv: process.env, locations: 'sampled' });
    const posted: string[] = [];
    const silent = { show: () => undefined, post: (m: { type: string }) => posted.push(m.type), clear: () => undefined, running: () => undefined, progress: () => undefined, idle: () => undefined };
    const notices = { show: () => Promise.resolve(undefined) };
    const controller = new RunController(storage, log, silent as never, silent as never, silent as never, launch, () => ({ timeoutMs: 60_000, workerHeapMb: undefined, sharedHeapMb: undefined }), notices as never);
    try {
      const script = workspaceFile('tickers.ts').fsPath;
      const pending = controller.run({ script, title: 'tickers.ts', baseDir: path.dirname(script), traceName: 'reload-tickers' });
      await waitFor('the run to stream', () => posted.includes('batch') || undefined, 30_000);
      const [runner] = await waitFor('the runner in /proc', () => {
        const found = cliProcesses('reload-tickers').filter((p) => p.args[0] === 'run');
        return found.length === 1 ? found : undefined;
      });
      const disposedAt = Date.now();
      controller.dispose();
      const outcome = await pending;
      const tookMs = Date.now() - disposedAt;
      console.log(`    reload: the runner ended ${tookMs} ms after the controller went: ${outcome?.result}: ${outcome?.message}`);
      assert.ok(outcome);
      assert.ok(tookMs < 5_000, `took ${tookMs} ms`);
      assert.equal(outcome.result, 'error');
      assert.equal(outcome.message, 'the extension host went away');
      const trace = parseTrace(fs.readFileSync(outcome.tracePath));
      assert.equal(trace.footer?.message, 'the extension host went away');
      assert.ok(trace.events.length > 0);
      await openTraceInEditor(outcome.tracePath);
      await noCliProcessLeft('reload-tickers', [runner.pid]);
    } finally {
      log.dispose();
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });

  it('after every fault, the extension host still runs a demo', async () => {
    const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runDemo', 'race-locked');
    assert.equal(outcome?.result, 'ok', outcome?.summary);
    await noCliProcessLeft('race-locked');
  });
});
