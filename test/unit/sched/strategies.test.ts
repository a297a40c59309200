/**
 * PCT and random through the real CLI: a check-then-act bug that needs a switch between two locked
 * sections is found by PCT with depth 2 within 1,000 runs; on a depth-1 bug with a long run-up (the
 * shape of the PCT paper's figure 5) PCT finds it in a large fraction of runs, random almost never.
 */
import { strict as assert } from 'node:assert';
import { explore, scratchFile } from './explore-cli';

describe('interleave explore --strategy pct --depth 2: three buyers, two seats', function () {
  this.timeout(600_000);
  it('finds the oversold seat (a worker-error) within 1,000 runs', async () => {
    const run = await explore('sched-seats', ['--until', 'error', '--runs', '1000', '--strategy', 'pct', '--depth', '2', '--seed', '5', '--out', scratchFile('seats.itrace')]);
    assert.equal(run.status, 3, run.stdout + run.stderr);
    assert.ok(run.json.findings.some((f) => f.kind === 'worker-error' && /oversold/.test(f.message)), JSON.stringify(run.json.findings));
    console.log(`      pct found the oversold seat in run ${run.json.runs}`);
  });
});

describe('PCT against random on a depth-1 bug after a long run-up', function () {
  const SEEDS = 20;
  this.timeout(SEEDS * 2 * 10_000 + 60_000);
  it(`PCT finds it in a large fraction of ${SEEDS} single runs, random in almost none (both rates printed)`, async () => {
    const rate = async (strategy: string, extra: string[]): Promise<number> => {
      let found = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const run = await explore('sched-long-runup', ['--until', 'error', '--runs', '1', '--strategy', strategy, ...extra, '--seed', String(seed), '--out', scratchFile(`runup-${strategy}-${seed}.itrace`)]);
        assert.ok(run.status === 0 || run.status === 3, run.stdout + run.stderr);
        if (run.json.found) found++;
      }
      return found / SEEDS;
    };
    const pct = await rate('pct', ['--depth', '1']);
    const random = await rate('random', []);
    console.log(`      depth-1 bug after a 40-point run-up: pct (depth 1) ${(pct * 100).toFixed(0)}% of runs, random ${(random * 100).toFixed(0)}%`);
    assert.ok(pct >= 0.25, `pct found it in ${pct * 100}% of runs`);
    assert.ok(random <= 0.05, `random found it in ${random * 100}% of runs`);
  });
});
