/**
 * Fault matrix: 1,000 workers. main starts 1,000 Processes at once (each adds its index to a
 * locked shared Value), then joins them all. The run completes with the exact total, every
 * process exit 0, and nothing left behind. Time and peak RSS are printed for the record.
 *
 * What bounds it is Node's own cost of starting a worker thread (a V8 isolate and Node's
 * bootstrap, ~30 ms of CPU each): on 2 cores, 1,000 bare worker_threads take 17 s (45 s when
 * other jobs load the machine), and the run of 1,000 Processes 1.3x that: 22 s (62 s loaded).
 * See docs/FAULTS.md and bench/many-workers.mjs. The limits below leave room for a loaded CI
 * machine; the file stays under 2 minutes.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, ROOT, descendantsOf, fixturePath, isAlive, reportOf, resultLine } from '../run-fixture';
import { assertTraceOpens, newTracePath } from './fault-harness';

const RUN_LIMIT_MS = 100_000;

/** Peak resident set of a live process so far (VmHWM), in MiB; 0 when gone. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

describe('fault: 1,000 workers', function () {
  this.timeout(RUN_LIMIT_MS + 15_000);
  const tracePath = newTracePath('thousand');
  let status: number | null = null;
  let stdout = '';
  let stderr = '';
  let elapsedMs = 0;
  let peakMb = 0;
  let peakThreads = 0;
  const seen = new Set<number>();
  let pid = 0;

  before(async () => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, 'run', fixturePath('many-workers'), '--out', tracePath, '--timeout', String(RUN_LIMIT_MS - 5000)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FIXTURE_WORKERS: '1000' },
    });
    pid = child.pid!;
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, peakRssMb(pid));
      try { peakThreads = Math.max(peakThreads, Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)); } catch { /* gone */ }
      for (const d of descendantsOf(pid)) seen.add(d);
    }, 100);
    const killer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS + 5000);
    status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearInterval(sampler);
    clearTimeout(killer);
    elapsedMs = Date.now() - started;
    console.log(`      1,000 workers: ${(elapsedMs / 1000).toFixed(1)} s wall, peak RSS ${peakMb} MiB, peak ${peakThreads} threads`);
  });

  it('completes: exit 0, all 1,000 joined with exit code 0, the locked total exact', () => {
    assert.equal(status, 0, `${stdout}\n${stderr}`);
    const result = resultLine(stdout) as { workers: number; total: number; failed: number };
    assert.deepEqual({ workers: result.workers, total: result.total, failed: result.failed }, { workers: 1000, total: 499_500, failed: 0 });
    assert.match(stdout, /OK in \d+ ms · 1001 workers/);
  });

  it('keeps a trace naming all 1,001 processes, every one exited 0; the report agrees', () => {
    const { trace, report } = assertTraceOpens(tracePath);
    assert.equal(trace.footer?.processes.length, 1001);
    assert.equal(report.processes.length, 1001);
    assert.ok(report.processes.every((p) => p.exitCode === 0 && p.error === null));
    assert.equal(report.result, 'ok');
    assert.equal(reportOf(tracePath)?.processes.length, 1001);
  });

  it('leaves nothing behind', () => {
    assert.equal(isAlive(pid), false);
    assert.deepEqual([...seen].filter(isAlive), []);
  });
});
