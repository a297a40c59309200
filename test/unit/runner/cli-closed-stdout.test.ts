/**
 * Through the real CLI: `interleave run SCRIPT | head -1`. The reader closes the pipe while the
 * program is still printing. That is not the program's failure: the run goes on to its end, the
 * trace's footer notes that stdout closed, and the exit status is the program's own (0 for a
 * program that ends well, 1 for one that throws), not an error made up from the broken pipe.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrace, type TraceFooter } from '../../../src/shared/trace-file';
import { CLI, ROOT, fixturePath, reportOf, type ReportJson } from '../run-fixture';

interface HeadRun {
  status: number | null;
  firstLine: string;
  stderr: string;
  footer: TraceFooter | null;
  report: ReportJson | null;
}

/** Runs the fixture with its stdout read up to the first line and then closed, as `| head -1` does. */
function runIntoHead(fixture: string, tracePath: string): Promise<HeadRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', fixturePath(fixture), '--out', tracePath, '--no-html', '--timeout', '60000'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let firstLine = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      firstLine += chunk;
      const end = firstLine.indexOf('\n');
      if (end >= 0) {
        firstLine = firstLine.slice(0, end);
        child.stdout.destroy(); // the reader goes away: the CLI's next writes meet a closed pipe
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(killer);
      let footer: TraceFooter | null = null;
      try {
        footer = parseTrace(readFileSync(tracePath)).footer;
      } catch {
        // no trace: the assertions below say so
      }
      resolve({ status, firstLine, stderr, footer, report: reportOf(tracePath) });
    });
  });
}

describe('interleave run with its stdout closed early (`| head -1`)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'interleave-head-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a program that ends well: it runs to its end, exit 0, and the trace notes the closed stdout', async () => {
    const run = await runIntoHead('prints-a-lot', join(dir, 'ok.itrace'));
    const said = JSON.stringify({ ...run, report: run.report && { result: run.report.result, findings: run.report.findings } }, null, 1);
    assert.match(run.firstLine, /^main line 0 /, said);
    assert.equal(run.status, 0, said);
    assert.equal(run.footer?.result, 'ok', said);
    assert.equal(run.footer?.message, null, said);
    assert.deepEqual(run.footer?.processes.map((p) => [p.name, p.exitCode]), [['MainProcess', 0], ['worker-a', 0], ['worker-b', 0]], said);
    assert.ok(run.footer?.notes?.some((n) => /^stdout closed at \d+ ms \(its reader went away\)/.test(n)), said);
    assert.equal(run.report?.result, 'ok', said);
    assert.deepEqual(run.report?.findings, [], said);
    assert.doesNotMatch(run.stderr, /EPIPE|ERR_STREAM_DESTROYED|Error/, said);
  });

  it('a program that throws after printing: exit 1 for its own error, which the report names', async () => {
    const run = await runIntoHead('prints-a-lot-then-fails', join(dir, 'fails.itrace'));
    const said = JSON.stringify({ ...run, report: run.report && { result: run.report.result, findings: run.report.findings } }, null, 1);
    assert.equal(run.status, 1, said);
    assert.equal(run.footer?.result, 'error', said);
    assert.deepEqual(run.footer?.processes.map((p) => [p.name, p.exitCode]), [['MainProcess', 1], ['worker-a', 0], ['worker-b', 0]], said);
    assert.ok(run.footer?.notes?.some((n) => n.startsWith('stdout closed')), said);
    const errors = run.report?.findings.filter((f) => f.kind === 'worker-error') ?? [];
    assert.equal(errors.length, 1, said);
    assert.match(errors[0]!.message, /the program failed after printing/, said);
  });
});
