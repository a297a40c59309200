/**
 * Fault matrix: the disk fills up while the trace is being written (simulated through the
 * Supervisor's `fileOps`: writes succeed up to a byte budget, then the write that crosses it
 * writes what fits and throws ENOSPC, as a real full disk does). The run still completes, the
 * error is reported clearly (summary, stderr text, 'finished'.traceError), and the trace up to the
 * failure is readable.
 */
import { strict as assert } from 'node:assert';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTrace } from '../../../src/analysis';
import { printSummary, traceWriteProblem } from '../../../src/runner/summary';
import { Supervisor, type RunOutcome } from '../../../src/runner/supervisor';
import type { FileOps } from '../../../src/runner/trace-writer';
import { parseTrace } from '../../../src/shared/trace-file';
import { ROOT, fixturePath } from '../run-fixture';
import { assertThreadsBackTo, newTracePath, threadCount } from './fault-harness';

const WORKER_BUNDLE = join(ROOT, 'dist/worker.js');

/** Real file writes until `budget` bytes, then ENOSPC (after writing the part that fits). */
function diskThatFillsAt(budget: number): FileOps & { failures: number } {
  let written = 0;
  const ops = {
    failures: 0,
    open: (path: string) => openSync(path, 'w'),
    write: (fd: number, bytes: Uint8Array) => {
      const room = budget - written;
      if (room >= bytes.byteLength) {
        writeSync(fd, bytes);
        written += bytes.byteLength;
        return;
      }
      if (room > 0) writeSync(fd, bytes, 0, room);
      written = budget;
      ops.failures++;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    },
    close: (fd: number) => closeSync(fd),
  };
  return ops;
}

describe('fault: a full disk while writing the trace (simulated)', () => {
  const tracePath = newTracePath('disk-full');
  const disk = diskThatFillsAt(24 * 1024);
  let outcome: RunOutcome;
  let threadsBefore = 0;
  let elapsedMs = 0;

  before(async () => {
    threadsBefore = threadCount();
    const started = Date.now();
    outcome = await new Supervisor({ script: fixturePath('steady-work'), tracePath, timeoutMs: 30_000, fileOps: disk, workerPath: WORKER_BUNDLE }).run();
    elapsedMs = Date.now() - started;
  });

  it('the run still completes normally: result ok, every process exited 0', () => {
    assert.equal(outcome.footer.result, 'ok', JSON.stringify(outcome.footer));
    assert.ok(outcome.footer.processes.every((p) => p.exitCode === 0 && p.error === null), JSON.stringify(outcome.footer.processes));
    assert.ok(elapsedMs < 15_000, `took ${elapsedMs} ms`);
  });

  it('stops writing at the first failure and keeps the error (once)', () => {
    assert.equal(disk.failures, 1, 'the writer went on writing after the disk was full');
    assert.equal((outcome.writeError as NodeJS.ErrnoException | null)?.code, 'ENOSPC');
    assert.ok(outcome.traceBytes <= 24 * 1024 && outcome.traceBytes > 0);
  });

  it('reports it clearly: the summary and stderr text name ENOSPC, the bytes kept and what the trace holds', () => {
    const problem = traceWriteProblem(outcome);
    assert.ok(problem);
    assert.match(problem, /the trace could not be written whole: writing stopped after [\d,]+ bytes \(ENOSPC: no space left on device, write\); it holds the run up to there/);
    let text = '';
    const report = analyzeTrace(parseTrace(readFileSync(tracePath)));
    printSummary({ write: (t: string) => { text += t; } }, outcome, report);
    assert.match(text, /OK in \d+ ms/);
    assert.match(text, /TRACE INCOMPLETE: the trace could not be written whole/);
  });

  it('the trace up to the failure is readable: it parses (cut short, no footer) and analyses', () => {
    const bytes = readFileSync(tracePath);
    assert.equal(bytes.byteLength, 24 * 1024, 'the file holds exactly what the disk took');
    const trace = parseTrace(bytes);
    assert.equal(trace.footer, null);
    assert.equal(trace.truncated, true);
    assert.ok(trace.events.length > 0);
    const report = analyzeTrace(trace);
    assert.ok(report.processes.some((p) => p.name === 'MainProcess'));
  });

  it('leaves no worker thread behind in the process that ran it', async () => {
    await assertThreadsBackTo(threadsBefore);
  });
});

describe('fault: the trace cannot be opened at all (a folder that does not exist)', () => {
  it('the run still completes and the open error is kept, with nothing written', async () => {
    const tracePath = join(newTracePath('no-folder'), 'nested', 'trace.itrace');
    const outcome = await new Supervisor({ script: fixturePath('steady-work'), tracePath, timeoutMs: 30_000, workerPath: WORKER_BUNDLE }).run();
    assert.equal(outcome.footer.result, 'ok');
    assert.equal((outcome.writeError as NodeJS.ErrnoException | null)?.code, 'ENOENT');
    assert.equal(outcome.traceBytes, 0);
    assert.match(traceWriteProblem(outcome) ?? '', /^the trace could not be written: ENOENT/);
  });
});
