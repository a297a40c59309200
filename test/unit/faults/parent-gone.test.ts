/**
 * Fault matrix: the window reloads in the middle of a run, at runner level. The runner's parent
 * (the extension host) goes away: its IPC channel closes (and with a dead host, the runner's
 * stdout and stderr pipes break too). The runner stops the run, writes the footer, keeps the
 * trace, and exits, leaving nothing.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { CLI, ROOT, descendantsOf, fixturePath, isAlive } from '../run-fixture';
import { assertNothingLeft, assertTraceOpens, batchesSeen, newTracePath, startIpcRunner, waitFor } from './fault-harness';

const PARENT_WENT_AWAY = /the extension host went away|the output pipe closed/;

describe('fault: the parent disconnects its IPC channel mid-run', () => {
  const tracePath = newTracePath('disconnect');
  let runner: ReturnType<typeof startIpcRunner>;
  let exit: { code: number | null; signal: NodeJS.Signals | null; atMs: number };
  let disconnectedAt = 0;

  before(async () => {
    runner = startIpcRunner('long-running', tracePath, ['--timeout', '60000']);
    await runner.next('started');
    await batchesSeen(runner, 10);
    disconnectedAt = Date.now() - runner.startedAt;
    runner.child.disconnect();
    exit = await runner.exited;
  });

  it('stops the run within 3 s, without crashing on the closed channel', () => {
    assert.ok(exit.atMs - disconnectedAt < 3000, `exited ${exit.atMs - disconnectedAt} ms after the disconnect`);
    assert.equal(exit.signal, null);
    assert.equal(exit.code, 1, runner.stderr());
    assert.doesNotMatch(runner.stderr(), /ERR_IPC_CHANNEL_CLOSED|already disconnected/, runner.stderr());
  });

  it('says why in its summary', () => {
    assert.match(runner.stdout(), /the extension host went away/);
  });

  it('keeps the trace with its footer, and it opens', () => {
    const { trace, report } = assertTraceOpens(tracePath);
    assert.equal(trace.truncated, false);
    assert.equal(trace.footer?.message, 'the extension host went away');
    assert.equal(report.result, 'error');
  });

  it('leaves nothing behind', async () => {
    await assertNothingLeft(runner.child.pid, runner.seen);
  });
});

/**
 * The host process itself dies (SIGKILL), as when VS Code's window reloads or crashes: an
 * intermediate process plays the host, forks the runner with the extension's stdio, and is killed.
 */
const HOST = `
const { fork } = require('node:child_process');
const [cli, script, out] = process.argv.slice(1);
const runner = fork(cli, ['run', script, '--ipc', '--out', out, '--timeout', '60000'],
  { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'advanced' });
let batches = 0;
runner.on('message', (m) => {
  if (m.type === 'batch' && ++batches === 10) process.stdout.write('RUNNER ' + runner.pid + '\\n');
});
runner.stdout.resume(); runner.stderr.resume();
`;

describe('fault: the parent process is killed mid-run (a window reload)', () => {
  const tracePath = newTracePath('host-killed');
  let runnerPid = 0;
  let hostPid = 0;
  let killedAt = 0;
  let goneAfterMs = -1;
  const seen = new Set<number>();

  before(async () => {
    const host = spawn(process.execPath, ['-e', HOST, CLI, fixturePath('long-running'), tracePath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    hostPid = host.pid!;
    let out = '';
    host.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    const ready = await waitFor(() => /RUNNER (\d+)/.test(out), 20_000);
    assert.ok(ready, 'the host never reported its runner');
    runnerPid = Number(/RUNNER (\d+)/.exec(out)![1]);
    for (const p of descendantsOf(runnerPid)) seen.add(p);
    killedAt = Date.now();
    host.kill('SIGKILL');
    const gone = await waitFor(() => {
      for (const p of descendantsOf(runnerPid)) seen.add(p);
      return !isAlive(runnerPid);
    }, 10_000);
    goneAfterMs = gone ? Date.now() - killedAt : -1;
  });

  it('the orphaned runner notices and exits within 3 s', () => {
    assert.ok(goneAfterMs >= 0, `runner ${runnerPid} still running 10 s after its host ${hostPid} was killed`);
    assert.ok(goneAfterMs < 3000, `exited ${goneAfterMs} ms after the host died`);
  });

  it('keeps the trace, with a footer that says the parent went away', () => {
    const { trace, report } = assertTraceOpens(tracePath);
    assert.equal(trace.truncated, false);
    assert.ok(trace.footer, 'no footer: the runner died instead of stopping');
    assert.match(trace.footer.message ?? '', PARENT_WENT_AWAY);
    assert.equal(report.result, 'error');
  });

  it('leaves nothing behind', async () => {
    await assertNothingLeft(runnerPid, seen);
  });
});
