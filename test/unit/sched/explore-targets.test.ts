/**
 * The targets of controlled scheduling, through the real CLI (`interleave explore`): bugs that free
 * runs rarely show are found within a small number of runs, for every seed tried; a correct
 * program never fails. Run counts above what CI affords come from INTERLEAVE_SCHED_FULL=1.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { explore, scratchFile } from './explore-cli';

const FULL = process.env.INTERLEAVE_SCHED_FULL === '1';

describe('interleave explore: an unlocked counter (two workers, 3 increments each, no sleeps)', function () {
  this.timeout(FULL ? 3_600_000 : 300_000);
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`loses an update within 100 runs (seed ${seed}), exit 3, the trace written`, async () => {
      const out = scratchFile(`counter-${seed}.itrace`);
      const run = await explore('sched-counter-unlocked', ['--until', 'lost-update', '--runs', '100', '--seed', String(seed), '--out', out]);
      assert.equal(run.status, 3, run.stdout + run.stderr);
      assert.equal(run.json.found, true);
      assert.ok(run.json.runs <= 100);
      assert.equal(run.json.seed, seed);
      assert.equal(run.json.trace, out);
      assert.ok(existsSync(out));
      assert.ok(run.json.findings.some((f) => f.kind === 'lost-update' && f.objects.includes('counter')), JSON.stringify(run.json.findings));
      assert.match(run.json.schedule ?? '', /^is1:/);
    });
  }
});

describe('interleave explore: the AB/BA program with no sleeps', function () {
  this.timeout(300_000);
  for (const seed of [1, 2, 3]) {
    it(`deadlocks within 100 runs (seed ${seed}), the cycle naming both locks`, async () => {
      const run = await explore('sched-ab-ba', ['--until', 'deadlock', '--runs', '100', '--seed', String(seed), '--out', scratchFile(`abba-${seed}.itrace`)]);
      assert.equal(run.status, 3, run.stdout + run.stderr);
      const deadlock = run.json.findings.find((f) => f.kind === 'deadlock');
      assert.ok(deadlock, JSON.stringify(run.json.findings));
      assert.match(deadlock.message, /lock-A/);
      assert.match(deadlock.message, /lock-B/);
    });
  }
});

describe('interleave explore: a locked counter', function () {
  // 1,000 runs take ~6 minutes on a 2-core machine (each run starts three Workers): CI runs 100.
  const runs = FULL ? 1000 : 100;
  this.timeout(FULL ? 3_600_000 : 300_000);
  it(`never fails in ${runs} runs: exit 0, found false, no schedule, no trace`, async () => {
    const run = await explore('sched-counter-locked', ['--until', 'race,lost-update,deadlock,error', '--runs', String(runs), '--seed', '7', '--out', scratchFile('locked.itrace')]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(
      { found: run.json.found, runs: run.json.runs, schedule: run.json.schedule, trace: run.json.trace, findings: run.json.findings },
      { found: false, runs, schedule: null, trace: null, findings: [] },
    );
    console.log(`      locked counter: ${runs} runs in ${(run.elapsedMs / 1000).toFixed(1)} s, ${run.json.runs_per_s} runs/s`);
  });
});
