/**
 * `interleave run`'s summary says what to try when a run raced but lost no update: the loss may be
 * one interleaving away, and `interleave explore … --until lost-update` looks for it. Not when an
 * update was lost, not for a run under a chosen schedule (a replay), and not for a plain
 * worker_threads program (explore cannot schedule those yet).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exploreHint } from '../../../src/runner/summary';
import type { Finding } from '../../../src/shared/report-contract';
import { ROOT, fixturePath, runCli } from '../run-fixture';

const finding = (kind: Finding['kind']): Finding => ({ kind, message: kind, objects: ['counter'], processes: [], locations: [] });
const HINT = /\n {3}no update was lost in this run; other interleavings may lose one: interleave explore (\S+) --until lost-update\n/;

describe('the run summary points to explore when a race lost no update', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'interleave-hint-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a write-write race (which never loses an update): the hint names the script as typed from here, and explore runs it', () => {
    const trace = join(dir, 'race.itrace');
    const out = runCli(['run', fixturePath('race-without-loss'), '--out', trace, '--no-html']);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /data-race/);
    const hint = HINT.exec(out.stdout);
    assert.ok(hint, out.stdout);
    assert.equal(hint[1], 'test/fixtures/race-without-loss.ts');
    // The command it gives is one explore takes (it finds nothing to lose here: exit 0).
    const explore = runCli(['explore', hint[1]!, '--until', 'lost-update', '--runs', '3']);
    assert.equal(explore.status, 0, explore.stdout + explore.stderr);
  });

  it('not for a replay of that run: its interleaving was chosen', () => {
    // A replay needs a run made under the scheduler: explore's own.
    const explored = join(dir, 'explored.itrace');
    const explore = runCli(['explore', fixturePath('race-without-loss'), '--until', 'race', '--runs', '3', '--out', explored]);
    assert.equal(explore.status, 3, explore.stdout + explore.stderr);
    const replay = runCli(['run', fixturePath('race-without-loss'), '--replay', explored, '--out', join(dir, 'replay.itrace'), '--no-html']);
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stdout, /data-race/);
    assert.doesNotMatch(replay.stdout, /no update was lost/);
  });

  it('not when an update was lost, nor without a race', () => {
    const script = fixturePath('sched-counter-unlocked');
    assert.equal(exploreHint({ script, plain: false }, { findings: [finding('data-race'), finding('lost-update')] }, ROOT), null);
    assert.equal(exploreHint({ script, plain: false }, { findings: [finding('worker-error')] }, ROOT), null);
    assert.match(exploreHint({ script, plain: false }, { findings: [finding('data-race')] }, ROOT) ?? '', /explore test\/fixtures\/sched-counter-unlocked\.ts --until/);
  });

  it('not for a plain worker_threads program (explore refuses those): a race that lost nothing, and no hint', () => {
    const out = runCli(['run', fixturePath('plain-views.js'), '--out', join(dir, 'plain.itrace'), '--no-html']);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /data-race/);
    assert.doesNotMatch(out.stdout, /lost-update|no update was lost/);
  });

  it('a script outside the folder it ran from is named whole, quoted for the shell when it needs to be', () => {
    const script = fixturePath('sched-counter-unlocked');
    assert.match(exploreHint({ script, plain: false }, { findings: [finding('data-race')] }, dir) ?? '', new RegExp(`explore ${script.replace(/[.]/g, '\\.')} --until`));
    assert.match(exploreHint({ script: "/tmp/it's here/a.ts", plain: false }, { findings: [finding('data-race')] }, dir) ?? '', /explore '\/tmp\/it'\\''s here\/a\.ts' --until/);
  });
});
