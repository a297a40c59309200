/**
 * Soak: 100 back-to-back demo runs in one extension host, through the command API a walkthrough
 * link uses. Opt-in (`npm run test:integration:soak`; `npm run test:integration` adds it when
 * INTERLEAVE_SOAK=1 is set; `npm test` and .ci/run do not run it); about 65 s here.
 *
 * Measured: the extension host's heap after a full GC (gc() is exposed at run time through V8's
 * flags), after 10 warm-up runs and then every 10 runs; and the runner processes in /proc.
 *
 * The bound: after warm-up, the heap may not grow by more than SOAK_GROWTH_BOUND_MB over the last
 * 90 runs, and its trend over the last 50 runs may not exceed SLOPE_BOUND_KB per run. What a run
 * legitimately leaves behind is replaced by the next run (the last outcome, the Problems entries,
 * 20 notices); a leak of the run's own data would be at least its events: race-locked streams
 * ≈ 1,300 events of 64 bytes (≈ 80 KiB) per run, 7 MiB over 90 runs. The bounds sit below that
 * and above the noise of a shared host (other extensions allocate too), which GC-after
 * measurements keep to about a MiB here.
 */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../src/extension/run-types';
import { api, cliProcesses } from './helpers';

const RUNS = Number(process.env.INTERLEAVE_SOAK_RUNS || 100);
const DEMO = 'race-locked';
const WARM_UP = 10;
const SOAK_GROWTH_BOUND_MB = 4;
const SLOPE_BOUND_KB = 40;

function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

interface Sample {
  run: number;
  heapMb: number;
  rssMb: number;
  arrayBuffersMb: number;
}

function sample(run: number, gc: () => void): Sample {
  gc();
  gc();
  const m = process.memoryUsage();
  return { run, heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20, arrayBuffersMb: m.arrayBuffers / 2 ** 20 };
}

/** Least-squares slope of heap over run number, in KiB per run. */
function slopeKbPerRun(samples: Sample[]): number {
  const n = samples.length;
  const mx = samples.reduce((s, x) => s + x.run, 0) / n;
  const my = samples.reduce((s, x) => s + x.heapMb, 0) / n;
  const num = samples.reduce((s, x) => s + (x.run - mx) * (x.heapMb - my), 0);
  const den = samples.reduce((s, x) => s + (x.run - mx) ** 2, 0);
  return (num / den) * 1024;
}

describe('soak', () => {
  it(`${RUNS} back-to-back ${DEMO} demo runs: the extension host's heap stays bounded, no runner is left`, async function () {
    this.timeout(600_000);
    const a = await api();
    const gc = exposeGc();
    const samples: Sample[] = [sample(0, gc)];
    const durations: number[] = [];
    const started = Date.now();
    let maxRunners = 0;
    for (let run = 1; run <= RUNS; run++) {
      const t0 = Date.now();
      const outcome = await vscode.commands.executeCommand<RunOutcome>('interleave.runDemo', DEMO);
      durations.push(Date.now() - t0);
      assert.equal(outcome?.result, 'ok', `run ${run}: ${outcome?.summary}`);
      // One run at a time: at most this run's own processes are alive between runs (none, once it resolved).
      maxRunners = Math.max(maxRunners, cliProcesses().length);
      if (run === WARM_UP || run % 10 === 0) samples.push(sample(run, gc));
    }
    const totalS = (Date.now() - started) / 1000;
    const warm = samples.find((s) => s.run === WARM_UP)!;
    const last = samples[samples.length - 1];
    const lastHalf = samples.filter((s) => s.run >= RUNS / 2);
    const slope = slopeKbPerRun(lastHalf);
    const median = [...durations].sort((x, y) => x - y)[Math.floor(durations.length / 2)];
    console.log(`    soak: ${RUNS} runs in ${totalS.toFixed(1)} s (median ${median} ms a run); the last run: ${a.lastRun()?.events} events, the panel got ${a.panelCounters()?.deliveredEvents ?? 0}`);
    console.log(`    soak heap (MiB, after GC): ${samples.map((s) => `#${s.run} ${s.heapMb.toFixed(1)}`).join(', ')}`);
    console.log(`    soak: heap ${samples[0].heapMb.toFixed(1)} → ${warm.heapMb.toFixed(1)} after warm-up → ${last.heapMb.toFixed(1)} MiB; ` +
      `growth after warm-up ${(last.heapMb - warm.heapMb).toFixed(2)} MiB; trend over the last half ${slope.toFixed(1)} KiB/run; ` +
      `RSS ${samples[0].rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MiB; array buffers ${last.arrayBuffersMb.toFixed(1)} MiB; CLI processes seen between runs: ${maxRunners}`);
    assert.ok(last.heapMb - warm.heapMb < SOAK_GROWTH_BOUND_MB, `heap grew ${(last.heapMb - warm.heapMb).toFixed(2)} MiB after warm-up`);
    assert.ok(slope < SLOPE_BOUND_KB, `heap trend ${slope.toFixed(1)} KiB per run`);
    assert.equal(maxRunners, 0, 'a CLI process outlived its run');
    assert.deepEqual(cliProcesses(), []);
  });
});
