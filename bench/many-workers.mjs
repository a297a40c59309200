// Scale benchmark: 1,000 Processes started at once through the CLI, against Node's own floor
// (1,000 bare worker_threads started at once, with the same resourceLimits), measured in the same
// run. Prints one JSON object. Usage: node build.mjs && node bench/many-workers.mjs [N]
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 1000);
const root = new URL('..', import.meta.url).pathname;
const heapMb = Math.min(4096, Math.floor(totalmem() / 2 ** 20 / 4));

function rawWorkers() {
  // In a child process, so its peak RSS is its own.
  const code = `
    const { Worker } = require('node:worker_threads');
    const t0 = performance.now(); let done = 0;
    for (let i = 0; i < ${N}; i++) {
      const w = new Worker('0', { eval: true, resourceLimits: { maxOldGenerationSizeMb: ${heapMb} } });
      w.on('exit', () => { if (++done === ${N}) console.log(JSON.stringify({ ms: performance.now() - t0 })); });
    }`;
  return measure(process.execPath, ['-e', code], {}, (out) => JSON.parse(out).ms);
}

function interleave(extra = []) {
  const trace = join(tmpdir(), `many-workers-bench-${process.pid}.itrace`);
  return measure(process.execPath, [join(root, 'dist/cli.js'), 'run', join(root, 'test/fixtures/many-workers.ts'), '--out', trace, '--timeout', '600000', ...extra],
    { FIXTURE_WORKERS: String(N) }, (out) => {
      rmSync(trace, { force: true });
      const result = JSON.parse(out.split('\n').find((l) => l.startsWith('RESULT ')).slice(7));
      if (result.workers !== N || result.failed !== 0) throw new Error(out);
      return result.totalMs;
    });
}

function measure(command, args, env, parse) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let peakKb = 0;
    child.stdout.on('data', (d) => { out += d; });
    const sampler = setInterval(() => {
      try { peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1])); } catch { /* gone */ }
    }, 50);
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`exit ${code}: ${out}`));
      resolve({ wallMs: Math.round(performance.now() - started), innerMs: Math.round(parse(out)), peakRssMb: Math.round(peakKb / 1024) });
    });
  });
}

const raw = await rawWorkers();
const run = await interleave();
const smallRings = await interleave(["--ring-capacity", "4096"]);
console.log(JSON.stringify({
  workers: N,
  raw_worker_threads: raw,
  interleave: run,
  interleave_4096_event_rings: smallRings,
  interleave_over_raw: +(run.wallMs / raw.wallMs).toFixed(2),
  small_rings_over_default: +(smallRings.wallMs / run.wallMs).toFixed(2),
}, null, 1));
