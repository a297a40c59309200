/** The CLI contract of docs/cli.md and docs/report-json.md: usage errors, --fail-on, report --json's shape. */
import { strict as assert } from 'node:assert';
import { describeRun, fixturePath, runCli, runFixture } from '../run-fixture';

describe('interleave (usage)', () => {
  it('exits 64 or more without a command, with an unknown command, or a bad flag value', () => {
    for (const args of [[], ['frobnicate'], ['run', fixturePath('counter-locked'), '--timeout', 'soon'], ['run', fixturePath('counter-locked'), '--fail-on', 'everything'], ['run', fixturePath('counter-locked'), '--no-such-flag'], ['run', fixturePath('counter-locked'), '--shared-heap-mb', '0'], ['run', fixturePath('counter-locked'), '--shared-heap-mb', '4096']]) {
      const out = runCli(args);
      assert.ok(out.status !== null && out.status >= 64, `${args.join(' ')} → ${out.status}\n${out.stderr}`);
    }
  });
});

describe('interleave run --fail-on', () => {
  it('exits 3 when a finding of the named class is found in a run that otherwise ends ok', async () => {
    const run = await runFixture('lock-abandoned', { args: ['--fail-on', 'error'] });
    assert.ok(run.report?.findings.some((f) => f.kind === 'abandoned-lock'), describeRun(run));
    assert.equal(run.status, 3, describeRun(run));
  });

  it('exits 0 when no finding matches', async () => {
    const run = await runFixture('lock-abandoned', { args: ['--fail-on', 'race'] });
    assert.equal(run.status, 0, describeRun(run));
  });
});

describe('interleave report --json', () => {
  it('prints the contract fields with their types', async () => {
    const run = await runFixture('fault-worker-throws');
    const r = run.report;
    assert.ok(r, describeRun(run));
    assert.ok(['ok', 'error', 'timeout', 'deadlock'].includes(r.result));
    for (const p of r.processes) {
      assert.equal(typeof p.name, 'string');
      assert.ok(p.exitCode === null || Number.isInteger(p.exitCode));
      assert.ok(p.error === null || typeof p.error === 'string');
    }
    for (const f of r.findings) {
      assert.equal(typeof f.kind, 'string');
      assert.equal(typeof f.message, 'string');
      assert.ok(Array.isArray(f.objects) && Array.isArray(f.processes));
      for (const l of f.locations) assert.ok(typeof l.file === 'string' && Number.isInteger(l.line), JSON.stringify(l));
    }
    assert.ok(Array.isArray(r.queues) && Array.isArray(r.locks));
    assert.ok(Number.isInteger(r.events) && r.events > 0);
    assert.equal(r.dropped, 0);
  });
});
