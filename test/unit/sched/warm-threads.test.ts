/**
 * Warm threads (runner/warm-threads.ts, runtime/warm-thread.ts): explore's runs reuse threads
 * that have booted once. Pinned here: a run on a reused thread records exactly the events a run on
 * new threads records under the same schedule; threads really are reused; each run evaluates the
 * script afresh; and a thread whose run left something pending is not used again.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runScheduled } from '../../../src/runner/sched/scheduled-run';
import { makeStrategy } from '../../../src/runner/sched/strategies';
import { defaultWorkerHeapMb } from '../../../src/runner/supervisor';
import { WarmThreads } from '../../../src/runner/warm-threads';
import { EventKind } from '../../../src/shared/events';
import { ROOT, fixturePath } from '../run-fixture';
import { eventOrder, scratchFile } from './explore-cli';

const WORKER_BUNDLE = join(ROOT, 'dist/worker.js');

async function runOnce(fixture: string, seed: number, name: string, threads?: WarmThreads) {
  const strategy = makeStrategy('random', seed, 0, 100);
  const run = await runScheduled(
    { script: fixturePath(fixture), tracePath: scratchFile(name), timeoutMs: 30_000, workerPath: WORKER_BUNDLE, quiet: true, threads },
    { strategy, info: { strategy: 'random', seed, depth: null } },
  );
  // Explore's runs keep their traces in memory (memory-trace.ts): written out here to be read.
  run.trace.saveTo(run.outcome.tracePath);
  return run;
}

function withoutExits(rows: string[]): string[] {
  return rows.filter((row) => !row.startsWith(`${EventKind.PROC_EXIT} `));
}

/** eventOrder's rows, thread by thread ("t3" is the second word of a row). */
function byThread(rows: string[]): Record<string, string[]> {
  const threads: Record<string, string[]> = {};
  for (const row of rows) (threads[row.split(' ')[1]!] ??= []).push(row);
  return threads;
}

describe('warm threads (explore reuses its threads between runs)', function () {
  this.timeout(120_000);
  let threads: WarmThreads;
  beforeEach(() => {
    threads = new WarmThreads(WORKER_BUNDLE, defaultWorkerHeapMb());
  });
  afterEach(() => threads.close());

  for (const fixture of ['sched-counter-unlocked', 'sched-seats', 'sched-ab-ba', 'pool-map', 'queue-fifo']) {
    it(`records the same events on reused threads as on new ones under the same schedule (${fixture})`, async () => {
      for (let seed = 1; seed <= 4; seed++) {
        const cold = await runOnce(fixture, seed, `${fixture}-cold-${seed}.itrace`);
        const warm = await runOnce(fixture, seed, `${fixture}-warm-${seed}.itrace`, threads);
        assert.equal(warm.outcome.footer.result, cold.outcome.footer.result, `seed ${seed}: ${warm.outcome.footer.message}`);
        const [warmOrder, coldOrder] = [eventOrder(warm.outcome.tracePath), eventOrder(cold.outcome.tracePath)];
        assert.ok(coldOrder.length > 10, `seed ${seed}: ${coldOrder.length} events`);
        // Threads end after their last point, each at its own pace (and a stopped run's exits are
        // written as each thread is stopped): exits are compared thread by thread, the rest in order.
        assert.deepEqual(withoutExits(warmOrder), withoutExits(coldOrder), `seed ${seed}: the events differ`);
        assert.deepEqual(byThread(warmOrder), byThread(coldOrder), `seed ${seed}: a thread's events differ`);
        assert.equal(warm.outcome.footer.schedule?.schedule, cold.outcome.footer.schedule?.schedule, `seed ${seed}`);
        assert.deepEqual(warm.report.findings.map((f) => f.message), cold.report.findings.map((f) => f.message), `seed ${seed}`);
      }
    });
  }

  it('boots each thread once and serves run after run on it', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const run = await runOnce('sched-counter-locked', seed, `locked-${seed}.itrace`, threads);
      assert.equal(run.outcome.footer.result, 'ok', run.outcome.footer.message ?? '');
    }
    // Main and two Processes: three threads at most at once, all ten runs on them.
    assert.equal(threads.started, 3);
    // And one run's shared memory: each run gives it back for the next (run-memory-pool.ts).
    assert.deepEqual(threads.memory.allocated, { runs: 1, rings: 3 });
  });

  it('evaluates the script afresh in each run: module state and isMainProcess start over', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const run = await runOnce('warm-module-state', seed, `module-state-${seed}.itrace`, threads);
      const errors = run.outcome.footer.processes.map((p) => p.error).filter((e) => e !== null);
      assert.equal(run.outcome.footer.result, 'ok', `run ${seed}: ${errors.join('\n')}`);
    }
    assert.equal(threads.started, 3);
  });

  it('does not reuse a thread whose run left a timer pending', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const run = await runOnce('warm-leaves-timer', seed, `timer-${seed}.itrace`, threads);
      assert.equal(run.outcome.footer.result, 'ok', run.outcome.footer.message ?? '');
    }
    // Main served all three runs; each run's Process needed a new thread.
    assert.equal(threads.started, 4);
  });

  it('serves only scripts of the Interleave API with a main, in CommonJS or TypeScript', () => {
    assert.equal(WarmThreads.serve(fixturePath('sched-counter-locked')), true);
    assert.equal(WarmThreads.serve(join(ROOT, 'demos', 'plain-racing-counter.js')), false);
    assert.equal(WarmThreads.serve(fixturePath('loader-esm.mjs')), false);
  });
});
