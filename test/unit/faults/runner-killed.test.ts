/**
 * Fault matrix: the runner child is killed by a signal (SIGKILL: no handler runs) in the middle of
 * a run. The workers are threads of the runner, so they die with it; the trace keeps every chunk
 * written before the kill, has no footer, and still parses (marked truncated when the kill fell
 * inside a chunk) and analyses.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from '../run-fixture';
import { assertNothingLeft, assertTraceOpens, batchesSeen, newTracePath, startIpcRunner, threadCount } from './fault-harness';

describe('fault: the runner child killed by SIGKILL mid-run', () => {
  const tracePath = newTracePath('sigkill');
  let runner: ReturnType<typeof startIpcRunner>;
  let threadsBeforeKill = 0;
  let exit: { code: number | null; signal: NodeJS.Signals | null; atMs: number };

  before(async () => {
    runner = startIpcRunner('long-running', tracePath, ['--timeout', '60000']);
    await runner.next('started');
    await batchesSeen(runner, 10);
    threadsBeforeKill = threadCount(runner.child.pid!);
    runner.child.kill('SIGKILL');
    exit = await runner.exited;
  });

  it('the runner is gone, killed by the signal, with its worker threads', async () => {
    assert.equal(exit.signal, 'SIGKILL');
    // main + 2 tickers + Node's own threads were running: the kill took them all.
    assert.ok(threadsBeforeKill >= 3, `only ${threadsBeforeKill} threads before the kill`);
    assert.equal(threadCount(runner.child.pid!), 0);
    await assertNothingLeft(runner.child.pid, runner.seen);
  });

  it("sends no 'finished' (the parent must notice the exit itself)", () => {
    assert.equal(runner.messages.some((m) => m.type === 'finished'), false);
  });

  it('keeps the partial trace: no footer, and it parses and analyses', () => {
    const { trace, report } = assertTraceOpens(tracePath);
    assert.equal(trace.footer, null);
    assert.ok(report.processes.some((p) => p.name === 'ticker-0'), JSON.stringify(report.processes));
    assert.ok(report.locks.some((l) => l.name === 'tick-lock' && l.acquisitions > 0), JSON.stringify(report.locks));
  });

  it('`interleave report` opens it too, and says the run was cut short', () => {
    const out = spawnSync(process.execPath, [CLI, 'report', tracePath, '--json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stderr, 'interleave: the trace has no footer: the runner ended before the run did (killed, crashed, or still running); it holds what was written until then\n');
    const report = JSON.parse(out.stdout) as { events: number; cutShort?: string };
    assert.ok(report.events > 0);
    assert.match(report.cutShort ?? '', /^the trace has no footer/);
  });
});
