// Controlled scheduling (issue 14): prints one JSON object.
//   schedule_point_ns   the cost of one scheduling point (one decision of the scheduler), from
//                       bench/scripts/sched-points.ts run under the scheduler against the same
//                       script run freely: the difference of their loop times over their points
//   handoff_round_trip_ns  the floor: a bare Atomics.wait/notify round trip between two threads
//   explore_runs_per_s  `interleave explore` on the 2-worker locked counter (it never fails, so
//                       every run counts), 200 runs a round, as its --json reports it: the first
//                       run boots the warm threads the others reuse (runner/warm-threads.ts), and
//                       its ~130 ms is in the figure
// Medians of several rounds: timings on these machines are noisy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'interleave-bench-sched-'));
const ROUNDS = 5;

function run(args) {
  const out = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0 && out.status !== 3) throw new Error(`${args.join(' ')} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

function lastJson(stdout, prefix = '') {
  const line = stdout.split('\n').filter((l) => l.startsWith(prefix) && l.slice(prefix.length).trim().startsWith('{')).pop();
  if (!line) throw new Error(`no JSON in output:\n${stdout}`);
  return JSON.parse(line.slice(prefix.length));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const points = join(root, 'bench', 'scripts', 'sched-points.ts');
const free = [];
const scheduled = [];
let ops = 0;
for (let round = 0; round < ROUNDS; round++) {
  const f = lastJson(run(['run', points, '--locations', 'all', '--out', join(scratch, 'free.itrace')]), 'BENCH ');
  const s = lastJson(run(['run', points, '--replay', 'is1:', '--out', join(scratch, 'sched.itrace')]), 'BENCH ');
  free.push(f.loop_ms);
  scheduled.push(s.loop_ms);
  ops = s.points;
}

// The platform's floor: a bare Atomics.wait/notify round trip between two threads.
const handoffs = [];
for (let round = 0; round < ROUNDS; round++) {
  const out = spawnSync(process.execPath, [join(root, 'bench', 'scripts', 'handoff-baseline.mjs')], { encoding: 'utf8' });
  handoffs.push(lastJson(out.stdout, 'BENCH ').handoff_round_trip_ns);
}

const counter = join(root, 'test', 'fixtures', 'sched-counter-locked.ts');
const rates = [];
for (let round = 0; round < ROUNDS; round++) {
  const json = lastJson(run(['explore', counter, '--until', 'race,lost-update,deadlock,error', '--runs', '200', '--seed', String(round + 1), '--json', '--out', join(scratch, 'explore.itrace')]));
  rates.push(json.runs_per_s);
}

rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify({
  schedule_point_ns: Math.round(((median(scheduled) - median(free)) * 1e6) / ops),
  handoff_round_trip_ns: median(handoffs),
  schedule_point_over_handoff: Math.round(((median(scheduled) - median(free)) * 1e6) / ops / median(handoffs) * 100) / 100,
  schedule_point_loop_ms: median(scheduled),
  schedule_free_loop_ms: median(free),
  schedule_points: ops,
  explore_runs_per_s: median(rates),
  explore_runs_per_s_rounds: rates,
}, null, 2));
