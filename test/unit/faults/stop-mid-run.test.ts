/**
 * Fault matrix: Stop in the middle of a run. The parent (the extension's Stop button) sends
 * {type:'stop'} over the IPC channel while workers are busy: the run ends promptly, 'finished'
 * arrives with the footer, the trace has its footer, and the exit status is 1 (a stopped run is
 * result "error" with the message "stopped by the user").
 */
import { strict as assert } from 'node:assert';
import { assertNothingLeft, assertTraceOpens, batchesSeen, newTracePath, startIpcRunner } from './fault-harness';

describe('fault: Stop in the middle of a run (IPC {type:"stop"})', () => {
  const tracePath = newTracePath('stop');
  let runner: ReturnType<typeof startIpcRunner>;
  let stopSentAt = 0;
  let exit: { code: number | null; signal: NodeJS.Signals | null; atMs: number };

  before(async () => {
    runner = startIpcRunner('long-running', tracePath, ['--timeout', '60000']);
    await runner.next('started');
    await batchesSeen(runner, 10);
    stopSentAt = Date.now() - runner.startedAt;
    runner.child.send({ type: 'stop' });
    exit = await runner.exited;
  });

  it('ends promptly: the runner exits within 3 s of the stop', () => {
    assert.ok(exit.atMs - stopSentAt < 3000, `exited ${exit.atMs - stopSentAt} ms after the stop`);
  });

  it("sends 'finished' with the footer: result error, 'stopped by the user', exit status 1", () => {
    const finished = runner.messages.find((m) => m.type === 'finished');
    assert.ok(finished && finished.type === 'finished', `no 'finished' message\n${runner.stderr()}`);
    assert.equal(finished.footer.result, 'error');
    assert.equal(finished.footer.message, 'stopped by the user');
    assert.equal(finished.exitStatus, 1);
    assert.equal(exit.code, 1);
    assert.equal(exit.signal, null);
  });

  it('prints a clear summary naming the stop', () => {
    assert.match(runner.stdout(), /ERROR in \d+ ms/);
    assert.match(runner.stdout(), /stopped by the user/);
    assert.match(runner.stdout(), new RegExp(`trace: ${tracePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.equal(runner.stderr(), '');
  });

  it('keeps the whole trace, footer included; it opens and names the stopped workers', () => {
    const { trace, report } = assertTraceOpens(tracePath);
    assert.equal(trace.truncated, false);
    assert.ok(trace.footer, 'no footer');
    assert.equal(trace.footer.message, 'stopped by the user');
    assert.equal(report.result, 'error');
    const names = report.processes.map((p) => p.name);
    for (const name of ['MainProcess', 'ticker-0', 'ticker-1']) assert.ok(names.includes(name), names.join(', '));
    assert.ok(report.locks.some((l) => l.name === 'tick-lock' && l.acquisitions > 0), JSON.stringify(report.locks));
  });

  it('leaves nothing behind', async () => {
    await assertNothingLeft(runner.child.pid, runner.seen);
  });
});
