// tracing_slowdown: what a user pays to see. Each program runs with recording on (the default)
// and off (INTERLEAVE_RECORDING=off: the same runtime with a recorder that records nothing, so the
// API keeps its semantics), five times each, alternating which goes first; the figure is the
// median of the five on/off ratios (each pair runs back to back, in the same machine state).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const PAIRS = 5;

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `args` under node with recording on or off; throws unless it exits with `status`. */
export function runTimed(args, recording, status = 0) {
  const env = { ...process.env, INTERLEAVE_RECORDING: recording ? 'on' : 'off' };
  const t0 = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const ms = performance.now() - t0;
  if (run.status !== status) throw new Error(`${args.join(' ')} (recording ${recording ? 'on' : 'off'}) exited ${run.status}, not ${status}:\n${run.stdout}\n${run.stderr}`);
  return { ms, stdout: run.stdout };
}

/**
 * PAIRS on/off pairs of `measure(recording, pair)` (a time in ms), alternating the order.
 * Returns the median ratio, the median times and every pair.
 */
export function pairs(measure) {
  const on = [];
  const off = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    if (pair % 2 === 0) {
      on.push(measure(true, pair));
      off.push(measure(false, pair));
    } else {
      off.push(measure(false, pair));
      on.push(measure(true, pair));
    }
  }
  const round = (x) => Math.round(x * 10) / 10;
  return {
    slowdown: median(on.map((ms, i) => ms / off[i])),
    on_ms: round(median(on)),
    off_ms: round(median(off)),
    on_runs_ms: on.map(round),
    off_runs_ms: off.map(round),
  };
}

/**
 * Each demo as a user runs it (`interleave run demos/X`): the CLI's wall time, start-up, trace
 * writing and the end-of-run analysis included. Exit statuses are the demo's own (the deadlock
 * demo exits 2, the dying-worker demo 1) and must be the same with recording off.
 */
export function demoSlowdowns(root, cli, scratch, demos) {
  const out = {};
  for (const { file, status } of demos) {
    const trace = join(scratch, `slowdown-${file.replace(/\W/g, '_')}.itrace`);
    out[file] = pairs((recording) => runTimed([cli, 'run', join(root, 'demos', file), '--out', trace, '--timeout', '120000'], recording, status).ms);
  }
  return out;
}
