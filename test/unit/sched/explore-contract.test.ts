/** `interleave explore`'s contract, through the real CLI: the --json object, exit statuses. */
import { strict as assert } from 'node:assert';
import { cli, explore, scratchFile } from './explore-cli';
import { fixturePath } from '../run-fixture';

describe('interleave explore --json', function () {
  this.timeout(120_000);
  it('prints one object with exactly the contract fields as its last line', async () => {
    const run = await explore('sched-counter-unlocked', ['--until', 'lost-update', '--runs', '50', '--seed', '11', '--strategy', 'pct', '--depth', '2', '--out', scratchFile('contract.itrace')]);
    assert.equal(run.status, 3, run.stdout + run.stderr);
    assert.deepEqual(Object.keys(run.json).sort(), ['depth', 'findings', 'found', 'runs', 'runs_per_s', 'schedule', 'seed', 'strategy', 'trace']);
    assert.equal(run.json.strategy, 'pct');
    assert.equal(run.json.depth, 2);
    assert.equal(typeof run.json.runs_per_s, 'number');
    assert.ok(run.json.runs_per_s > 0);
  });

  it('says depth null for random and pos', async () => {
    for (const strategy of ['random', 'pos']) {
      const run = await explore('sched-counter-unlocked', ['--until', 'lost-update', '--runs', '50', '--seed', '1', '--strategy', strategy, '--out', scratchFile(`depth-${strategy}.itrace`)]);
      assert.equal(run.json.depth, null);
      assert.equal(run.json.strategy, strategy);
    }
  });
});

describe('interleave explore exit statuses', function () {
  this.timeout(120_000);
  it('is 1 when the script cannot be loaded (a syntax error)', async () => {
    const run = await cli(['explore', fixturePath('fault-syntax-error'), '--until', 'error', '--runs', '5', '--out', scratchFile('syntax.itrace')]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /could not be loaded/);
  });

  it('is 64, with the reason, for a plain worker_threads program (its threads cannot be paused yet)', async () => {
    const run = await cli(['explore', fixturePath('plain-racing-counter.js'), '--until', 'race', '--runs', '5']);
    assert.equal(run.status, 64, run.stderr);
    assert.match(run.stderr, /plain worker_threads programs .* cannot run under the scheduler yet/);
  });

  it('is 64 for an unknown --until kind, a missing --runs, or a --depth without pct', async () => {
    const script = fixturePath('sched-counter-unlocked');
    for (const args of [['--until', 'races', '--runs', '5'], ['--until', 'race'], ['--until', 'race', '--runs', '5', '--depth', '2'], ['--until', 'race', '--runs', '0']]) {
      const run = await cli(['explore', script, ...args]);
      assert.equal(run.status, 64, `${args.join(' ')}: ${run.stderr}`);
    }
  });
});
