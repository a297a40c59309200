// `npm run bench`: runs each hot-path benchmark and prints one JSON object. Every ratio is
// measured within one run (same machine state); timings are medians of several rounds.
import { execFileSync, spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out', 'bench');
const scratch = mkdtempSync(join(tmpdir(), 'interleave-bench-'));
const cli = join(root, 'dist', 'cli.js');

function bundle(entry, name) {
  const file = join(out, `${name}.js`);
  esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', outfile: file, logLevel: 'warning' });
  return file;
}

function json(stdout, prefix = '') {
  const line = stdout.split('\n').find((l) => l.startsWith(prefix) && l.slice(prefix.length).trim().startsWith('{'));
  if (!line) throw new Error(`no JSON in output:\n${stdout}`);
  return JSON.parse(line.slice(prefix.length));
}

/** Runs a bench script under the real runner; returns its BENCH line and the trace's report. */
function runScript(script) {
  const trace = join(scratch, `${script.replace(/\W/g, '_')}.itrace`);
  const run = spawnSync(process.execPath, [cli, 'run', join(root, 'bench', 'scripts', script), '--out', trace, '--timeout', '120000'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${script} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  const report = JSON.parse(execFileSync(process.execPath, [cli, 'report', trace, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  return { bench: json(run.stdout, 'BENCH '), report, trace };
}

const result = {};

// 1. The recorder against the clock it reads.
const micro = json(execFileSync(process.execPath, [bundle(join(root, 'bench', 'micro-recorder.ts'), 'micro-recorder')], { encoding: 'utf8' }));
Object.assign(result, micro);

// 2. Supervisor drain throughput with 2 producers.
{
  const { bench, report } = runScript('drain.ts');
  // Every event the producers recorded went through the rings, the drain and the trace file
  // while they ran: events in the trace over the producers' wall time.
  result.drain_events = report.events;
  result.drain_events_per_s = Math.round(report.events / (bench.produce_ms / 1000));
  result.dropped = report.dropped;
}

// 3. Pool.map against Python's multiprocessing.Pool.map and against piscina.
{
  const { bench } = runScript('pool-map.ts');
  result.pool_map_ms = bench.pool_map_ms;
  const python = spawnSync('python3', [join(root, 'bench', 'python_pool.py')], { encoding: 'utf8' });
  if (python.status === 0) {
    result.python_pool_map_ms = json(python.stdout).python_pool_map_ms;
    result.pool_map_over_python = result.python_pool_map_ms / bench.pool_map_ms;
  } else {
    result.pool_map_over_python = null;
    result.python_error = python.stderr.trim().split('\n').pop();
  }
  const piscina = json(execFileSync(process.execPath, [join(root, 'bench', 'piscina-bench.mjs')], { encoding: 'utf8' }));
  result.piscina_ms = piscina.piscina_ms;
  result.pool_map_over_piscina = piscina.piscina_ms / bench.pool_map_ms;
}

// 4. Uncontended Lock against a raw compare-and-swap lock. Three runs, each its own process: a
// run's figures are medians of per-round ratios, which a short hiccup does not move, but this
// machine sometimes stays in a slower state for a whole run; the median run is reported, and
// every run's ratio beside it.
{
  const runs = [0, 1, 2].map(() => runScript('lock.ts').bench);
  const byRatio = [...runs].sort((a, b) => a.lock_over_raw - b.lock_over_raw);
  const bench = byRatio[1];
  result.lock_ns = bench.lock_ns;
  result.raw_lock_ns = bench.raw_ns;
  result.uncontended_lock_over_raw = bench.lock_over_raw;
  result.uncontended_lock_over_raw_runs = runs.map((r) => r.lock_over_raw);
  // Context: the raw lock plus the two clock reads any exactly-timed acquire+release needs.
  result.raw_lock_with_two_clock_reads_over_raw = bench.raw_with_clock_over_raw;
  // The same lock against that floor: steadier than the ratio to the raw lock, whose atomics this
  // machine runs at ~15 or ~30 ns depending on the moment, while the clock costs the same.
  result.uncontended_lock_over_floor = bench.lock_over_floor;
}

// 5. Analysis throughput on a synthetic 10M-event log (bench/analysis.mjs prints its own JSON).
{
  const analysis = json(execFileSync(process.execPath, ['--max-old-space-size=8192', join(root, 'bench', 'analysis.mjs')], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  result.analysis_events_per_s = analysis.analysis_events_per_s;
  result.analysis_peak_memory_mb = analysis.peak_memory_mb;
}

// 6. Plain worker_threads programs (no Interleave API): what one recorded access of a shared
// Int32Array costs (a real run, against a plain Int32Array in the same instrumented loop), what
// instrumented code costs when it touches no shared memory (against plain `node`), and the racing
// counter under Interleave against plain `node`: its counting loop (timed inside each worker), and
// the whole program as a user runs it (the CLI's wall time, start-up and analysis included).
{
  const traced = runScript('plain-access.js').bench;
  const node = json(execFileSync(process.execPath, [join(root, 'bench', 'scripts', 'plain-access.js')], { encoding: 'utf8' }), 'BENCH ');
  result.native_read_ns = traced.shared_read_ns - traced.plain_read_ns;
  result.native_write_ns = traced.shared_write_ns - traced.plain_write_ns;
  result.native_access_ns = (result.native_read_ns + result.native_write_ns) / 2;
  result.native_access_over_plain = (traced.read_over_plain + traced.write_over_plain) / 2;
  // Unshared accesses in instrumented code (the check at each site) against Node's own loop.
  result.native_unshared_over_node = (traced.plain_read_ns + traced.plain_write_ns) / (node.plain_read_ns + node.plain_write_ns);

  const counter = join(root, 'bench', 'scripts', 'plain-counter.js');
  const demo = join(root, 'demos', 'plain-racing-counter.js');
  const loops = { node: [], traced: [] };
  const walls = { node: [], traced: [] };
  const wall = (args) => {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    return { ms: performance.now() - t0, stdout: run.stdout };
  };
  for (let round = 0; round < 5; round++) {
    loops.node.push(json(wall([counter]).stdout, 'BENCH ').loop_ms);
    loops.traced.push(json(wall([cli, 'run', counter, '--out', join(scratch, 'plain-counter.itrace')]).stdout, 'BENCH ').loop_ms);
    walls.node.push(wall([demo]).ms);
    walls.traced.push(wall([cli, 'run', demo, '--out', join(scratch, 'plain-racing-counter.itrace')]).ms);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  result.native_loop_ms = median(loops.traced);
  result.native_loop_node_ms = median(loops.node);
  result.native_loop_slowdown = result.native_loop_ms / result.native_loop_node_ms;
  result.native_wall_ms = median(walls.traced);
  result.native_wall_node_ms = median(walls.node);
  result.native_slowdown = result.native_wall_ms / result.native_wall_node_ms;
}

// 7. Controlled scheduling: bench/schedule.mjs prints its own JSON.
Object.assign(result, JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'schedule.mjs')], { encoding: 'utf8', maxBuffer: 1 << 24 })));

rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify(result, null, 2));
