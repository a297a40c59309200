/**
 * Scripts that cannot be loaded, and targets that cannot be found: a clear worker-error finding
 * with the message and the location, never silence; exit 1.
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture, type FixtureRun, type ReportJson } from '../run-fixture';

type Finding = ReportJson['findings'][number];

function failedWith(run: FixtureRun<unknown>, process: string, message: RegExp): Finding {
  const context = describeRun(run);
  assert.equal(run.status, 1, context);
  assert.equal(run.report?.result, 'error', context);
  const finding = run.report.findings.find((f) => f.kind === 'worker-error' && f.processes.includes(process));
  assert.ok(finding, context);
  assert.match(finding.message, message, context);
  assert.deepEqual(run.leftovers, []);
  return finding;
}

function at(finding: Finding, file: string, line: number): void {
  assert.ok(finding.locations.some((l) => l.file.endsWith(file) && l.line === line), `expected ${file}:${line} in ${JSON.stringify(finding.locations)}`);
}

describe('a script with a syntax error', () => {
  it('is a worker-error naming the problem, at its line; exit 1', async () => {
    const run = await runFixture('fault-syntax-error');
    const finding = failedWith(run, 'MainProcess', /SyntaxError|Unexpected/);
    assert.match(finding.message, /fault-syntax-error\.ts/);
    at(finding, 'fault-syntax-error.ts', 3);
  });
});

describe('a script importing a missing module', () => {
  it('is a worker-error naming the module, at the import; exit 1', async () => {
    const run = await runFixture('fault-missing-module');
    at(failedWith(run, 'MainProcess', /no-such-helper/), 'fault-missing-module.ts', 2);
  });
});

describe('a Process target that is not exported', () => {
  it('is a worker-error saying to export it, at its declaration; main sees exitCode 1; exit 1', async () => {
    const run = await runFixture<{ exitCode: number }>('fault-not-exported');
    const finding = failedWith(run, 'hidden-worker', /'hidden' is not exported/);
    assert.match(finding.message, /export/);
    at(finding, 'fault-not-exported.ts', 5);
    assert.deepEqual(run.result, { exitCode: 1 });
  });
});
