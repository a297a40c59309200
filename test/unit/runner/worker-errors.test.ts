/**
 * Faults that end a worker: each gives a worker-error finding with the message (and the line where
 * one is known), exit status 1, and leaves nothing running. (docs/api.md, "What failed means".)
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseTrace } from '../../../src/shared/trace-file';
import { describeRun, runFixture, type FixtureRun, type ReportJson } from '../run-fixture';

type Finding = ReportJson['findings'][number];

function workerErrors(run: FixtureRun<unknown>): Finding[] {
  return run.report?.findings.filter((f) => f.kind === 'worker-error') ?? [];
}

/** The failed run's common contract: exit 1, result error, one worker-error for `process` matching `message`. */
function assertWorkerError(run: FixtureRun<unknown>, process: string, message: RegExp): Finding {
  const context = describeRun(run);
  assert.equal(run.killed, false, `the CLI hung\n${context}`);
  assert.equal(run.status, 1, context);
  assert.equal(run.report?.result, 'error', context);
  const finding = workerErrors(run).find((f) => f.processes.includes(process));
  assert.ok(finding, `no worker-error for ${process}\n${context}`);
  assert.match(finding.message, message, context);
  const reported = run.report!.processes.find((p) => p.name === process);
  assert.ok(reported?.error, `report.processes has no error for ${process}\n${context}`);
  assert.match(reported.error, message);
  assert.deepEqual(run.leftovers, [], 'processes left running');
  return finding;
}

function assertLocation(finding: Finding, file: string, line: number): void {
  assert.ok(
    finding.locations.some((l) => l.file.endsWith(file) && l.line === line),
    `expected ${file}:${line} among ${JSON.stringify(finding.locations)}`,
  );
}

describe('a Process that throws', () => {
  let run: FixtureRun<{ exitCode: number; alive: boolean; progress: number }>;
  before(async () => {
    run = await runFixture('fault-worker-throws');
  });

  it('[must show] is a worker-error finding with the message, naming the process; exit 1', () => {
    assertWorkerError(run, 'fragile-worker', /sensor 4 returned garbage/);
  });

  it('points the finding at the line that threw', () => {
    assertLocation(assertWorkerError(run, 'fragile-worker', /sensor 4/), 'fault-worker-throws.ts', 7);
  });

  it('ends with exitCode 1 while main goes on and sees its writes', () => {
    assert.deepEqual(run.result, { exitCode: 1, alive: false, progress: 5 });
    assert.equal(run.report?.processes.find((p) => p.name === 'fragile-worker')?.exitCode, 1);
    assert.equal(run.report?.processes.find((p) => p.name === 'MainProcess')?.exitCode, 0);
  });
});

describe('main that throws', () => {
  it('is a worker-error for MainProcess with the message and line; exit 1', async () => {
    const run = await runFixture('fault-main-throws');
    const finding = assertWorkerError(run, 'MainProcess', /main failed on purpose/);
    assertLocation(finding, 'fault-main-throws.ts', 3);
    assert.equal(run.report?.processes.find((p) => p.name === 'MainProcess')?.exitCode, 1);
  });
});

describe('an async main that rejects', () => {
  it('is a worker-error for MainProcess with the message; exit 1', async () => {
    const run = await runFixture('fault-main-rejects');
    assertLocation(assertWorkerError(run, 'MainProcess', /async main rejected on purpose/), 'fault-main-rejects.ts', 4);
  });
});

describe('an unhandled rejection in a Process (a forgotten await)', () => {
  it('is a worker-error with the message, even after the target returned; exit 1', async () => {
    const run = await runFixture<{ exitCode: number }>('fault-unhandled-rejection');
    assertLocation(assertWorkerError(run, 'careless-worker', /disk full/), 'fault-unhandled-rejection.ts', 10);
    assert.deepEqual(run.result, { exitCode: 1 });
  });
});

describe('process.exit() in a Process', () => {
  it('ends that process with its code, seen by main and the report; a worker-error; exit 1', async () => {
    const run = await runFixture<{ exitCode: number; alive: boolean }>('fault-process-exit');
    assertWorkerError(run, 'quitter', /process\.exit\(3\)/);
    assert.deepEqual(run.result, { exitCode: 3, alive: false });
    assert.equal(run.report?.processes.find((p) => p.name === 'quitter')?.exitCode, 3);
  });
});

describe('a Process that runs out of memory', () => {
  it('is stopped alone by its heap limit: a worker-error saying so, main goes on; exit 1', async () => {
    const run = await runFixture<{ exitCode: number; alive: boolean }>('fault-out-of-memory', { args: ['--worker-heap-mb', '64'] });
    assertWorkerError(run, 'memory-hog', /out of memory/i);
    assert.equal(run.result.alive, false, describeRun(run));
    assert.notEqual(run.result.exitCode, 0);
    assert.equal(run.report?.processes.find((p) => p.name === 'MainProcess')?.exitCode, 0);
    assert.equal(parseTrace(readFileSync(run.tracePath)).header.workerHeapMb, 64, 'the trace says which heap cap was in force');
  });
});

describe('an async main awaiting a promise nothing can settle', () => {
  it('is a worker-error saying main never finished (not a silent or misleading exit); exit 1', async () => {
    const run = await runFixture('fault-never-settles');
    assertWorkerError(run, 'MainProcess', /never finished/);
  });
});

describe('a Process that throws a non-Error value', () => {
  it('is a worker-error carrying the value; exit 1', async () => {
    const run = await runFixture('fault-throws-non-error');
    assertWorkerError(run, 'sloppy-worker', /plain string thrown/);
  });
});
