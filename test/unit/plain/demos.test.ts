/**
 * The plain worker_threads demos (`interleave demo plain-*`) teach what they say: the racing
 * counter's race and lost increments, Atomics.add's clean count, two workers' message channels,
 * and a wait/notify handoff without a race.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportOf, runCli, type ReportJson } from '../run-fixture';

describe('the plain worker_threads demos', function () {
  this.timeout(90_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'interleave-plain-demos-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function demo(name: string): { status: number | null; stdout: string; report: ReportJson } {
    const trace = join(dir, `${name}.itrace`);
    const run = runCli(['demo', name, '--out', trace], 80_000);
    const report = reportOf(trace);
    assert.ok(report, `${name}: no report\n${run.stdout}\n${run.stderr}`);
    return { status: run.status, stdout: run.stdout, report };
  }

  it('are listed by `interleave demo`', () => {
    const list = runCli(['demo']);
    for (const name of ['plain-race', 'plain-atomics', 'plain-messages', 'plain-handoff']) assert.match(list.stdout, new RegExp(`\\b${name}\\b`));
  });

  it('plain-race: a data race between the two workers, and every lost increment counted', () => {
    const { status, stdout, report } = demo('plain-race');
    assert.equal(status, 0, stdout);
    const race = report.findings.find((f) => f.kind === 'data-race');
    assert.ok(race, stdout);
    assert.deepEqual([...race.processes].sort(), ['worker-1', 'worker-2'], stdout);
    const printed = /counter: (\d+) \(expected (\d+)\)/.exec(stdout);
    assert.ok(printed, stdout);
    const lost = report.findings.find((f) => f.kind === 'lost-update');
    if (printed[1] !== printed[2]) assert.match(lost?.message ?? '', new RegExp(`${printed[2]} increments, ${printed[1]} arrived`), stdout);
  });

  it('plain-atomics: every increment arrives, no race', () => {
    const { status, stdout, report } = demo('plain-atomics');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /counter: 40000 \(expected 40000\)/);
    assert.deepEqual(report.findings, [], stdout);
  });

  it('plain-messages: two channels of five messages each, each in the order sent', () => {
    const { status, stdout, report } = demo('plain-messages');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /alice's messages in the order sent: true/);
    assert.deepEqual(report.queues, [{ name: 'main ⇄ alice', puts: 5, gets: 5 }, { name: 'main ⇄ bob', puts: 5, gets: 5 }], stdout);
    assert.deepEqual(report.findings, [], stdout);
  });

  it('plain-handoff: the turns pass the value on, and no race', () => {
    const { status, stdout, report } = demo('plain-handoff');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /final value: 10 \(expected 10\)/);
    assert.deepEqual(report.findings, [], stdout);
  });
});
