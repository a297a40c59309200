/**
 * The `interleave explore` command line (GUIDE.md "The CLI"):
 *   interleave explore SCRIPT --until KINDS --runs N [--strategy random|pct|pos] [--depth D]
 *                      [--seed S] [--out TRACE] [--json] [--timeout MS]
 * Exit 3 when a run matched (its trace at --out), 0 when none did in N runs, 1 when the script could
 * not be loaded, 64 for usage errors. With --json the last stdout line is one object (the contract).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultTracePath, UsageError } from '../run-command';
import type { ExploreJson, ExploreProgressMessage } from '../../shared/explore-protocol';
import { explore, type ExploreResult } from './explore';
import { DEFAULT_PCT_DEPTH, parseStrategy } from './strategies';
import { unschedulableReason } from './schedulable';
import { shellWord } from '../shell-word';
import { parseUntil } from './until-kinds';
import { IpcOutbox } from '../ipc-outbox';

export interface ExploreFlags {
  until?: string;
  runs?: string;
  strategy?: string;
  depth?: string;
  seed?: string;
  out?: string;
  json?: boolean;
  timeout?: string;
  /** Started by the editor: progress goes to the parent over IPC, and a `stop` message cancels. */
  ipc?: boolean;
}


/** Each run's own limit, so that one schedule that hangs does not end the exploration. */
const DEFAULT_RUN_TIMEOUT_MS = 10_000;


function wholeNumber(flag: string, text: string | undefined, min: number, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`explore needs --${flag}`);
    return fallback;
  }
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} needs a whole number of at least ${min}, got '${text}'`);
  return n;
}

export async function exploreCommand(script: string, flags: ExploreFlags): Promise<number> {
  const until = parseUntil(flags.until);
  const runs = wholeNumber('runs', flags.runs, 1);
  const strategy = parseStrategy(flags.strategy);
  if (flags.depth !== undefined && strategy !== 'pct') throw new UsageError('--depth is for --strategy pct');
  const depth = wholeNumber('depth', flags.depth, 1, DEFAULT_PCT_DEPTH);
  const seed = wholeNumber('seed', flags.seed, 0, Date.now() % 2 ** 31);
  const timeoutMs = wholeNumber('timeout', flags.timeout, 1, DEFAULT_RUN_TIMEOUT_MS);
  const path = resolve(script);
  if (!existsSync(path)) {
    process.stderr.write(`interleave: no such script: ${script}\n`);
    return 1;
  }
  const unschedulable = unschedulableReason(path);
  if (unschedulable) throw new UsageError(`explore: ${unschedulable}`);
  const out = resolve(flags.out ?? defaultTracePath(path));
  const ipc = flags.ipc === true && typeof process.send === 'function';
  let cancelled = false;
  if (ipc) {
    process.on('message', (m: unknown) => { if ((m as { type?: unknown } | null)?.type === 'stop') cancelled = true; });
    process.on('disconnect', () => { cancelled = true; });
  }
  const outbox = new IpcOutbox<ExploreProgressMessage>();
  const onRun = ipc
    ? (done: number, elapsedMs: number): void => outbox.send({ type: 'explore-progress', runs: done, runsPerS: done / Math.max(1e-3, elapsedMs / 1000) })
    : undefined;
  const result = await explore({ script: path, until, runs, strategy, depth, seed, out, timeoutMs, onRun, cancelled: () => cancelled });
  if (ipc) await outbox.close(5_000);
  if (result.loadError) {
    process.stderr.write(`interleave: the script could not be loaded:\n${result.loadError}\n`);
    return 1;
  }
  const json: ExploreJson = {
    found: result.found,
    runs: result.runs,
    strategy,
    seed,
    depth: strategy === 'pct' ? depth : null,
    schedule: result.schedule?.schedule ?? null,
    trace: result.trace,
    findings: result.findings,
    runs_per_s: Math.round(result.runsPerS * 100) / 100,
  };
  printHuman(script, json, result);
  if (result.timedOut > 0) {
    process.stderr.write(`interleave: ${result.timedOut} of ${result.runs} runs hit their timeout (${timeoutMs} ms): a schedule that never ends, or a thread awaiting a promise (async waits are not scheduling points yet)\n`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(json)}\n`);
  return result.found ? 3 : 0;
}

function printHuman(script: string, json: ExploreJson, result: ExploreResult): void {
  const how = `${json.strategy}${json.depth !== null ? ` (depth ${json.depth})` : ''}, seed ${json.seed}`;
  if (!json.found) {
    process.stdout.write(`no matching run in ${json.runs} runs (${how}; ${json.runs_per_s} runs/s)\n`);
    return;
  }
  const info = result.schedule;
  process.stdout.write(`found in run ${json.runs} (${how}; ${json.runs_per_s} runs/s)\n`);
  for (const f of json.findings) process.stdout.write(`  ${f.kind}: ${f.message.split('\n')[0]}\n`);
  if (info) {
    const shrunk = result.shrinkRuns > 0 ? ` after ${result.shrinkRuns} shrinking runs` : '';
    process.stdout.write(`schedule (${info.preemptions} preemptions, ${info.choices} choices, ${info.points} points${shrunk}):\n  ${info.schedule}\n`);
  }
  process.stdout.write(`trace: ${json.trace}\nreplay: interleave run ${shellWord(script)} --replay ${shellWord(json.trace ?? '')}\n`);
}
