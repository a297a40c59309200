/**
 * Runs `interleave explore` and `interleave run --replay` through the real CLI (dist/cli.js), as a
 * user or a CI job outside the project would, and parses what the contract promises.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrace } from '../../../src/shared/trace-file';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { CLI, ROOT, fixturePath } from '../run-fixture';

/** The --json object of `interleave explore` (GUIDE.md "The CLI": these names are a contract). */
export interface ExploreJson {
  found: boolean;
  runs: number;
  strategy: string;
  seed: number;
  depth: number | null;
  schedule: string | null;
  trace: string | null;
  findings: { kind: string; message: string; objects: string[]; processes: string[]; locations: { file: string; line: number }[] }[];
  runs_per_s: number;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

let scratch: string | null = null;
export function scratchFile(name: string): string {
  if (scratch === null) {
    scratch = mkdtempSync(join(tmpdir(), 'interleave-sched-test-'));
    const dir = scratch;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return join(scratch, name);
}

export function cli(args: string[], hardLimitMs = 600_000): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const killer = setTimeout(() => child.kill('SIGKILL'), hardLimitMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

export interface Explored extends CliRun {
  json: ExploreJson;
}

/** `interleave explore FIXTURE --json ...ARGS`; the last stdout line parsed. */
export async function explore(fixture: string, args: string[]): Promise<Explored> {
  const run = await cli(['explore', fixturePath(fixture), '--json', ...args]);
  const last = run.stdout.trimEnd().split('\n').pop() ?? '';
  let json: ExploreJson;
  try {
    json = JSON.parse(last) as ExploreJson;
  } catch {
    throw new Error(`explore printed no JSON line (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, json };
}

/** The `RESULT <json>` line a fixture prints. */
export function resultLine(stdout: string): unknown {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return line === undefined ? undefined : JSON.parse(line.slice('RESULT '.length));
}

/** Kinds the supervisor writes on its own clock, not part of the program's order of events. */
const NOT_THE_PROGRAMS = new Set<number>([EventKind.CPU, EventKind.STRING, EventKind.SCHED_DECISION, EventKind.SCHED_TIME]);

/**
 * A trace's events as the program made them, in their order: kind, thread, object, arguments and
 * location (as text, not as a string id), without times. Two runs of one interleaving give the same.
 */
export function eventOrder(tracePath: string): string[] {
  const trace = parseTrace(readFileSync(tracePath));
  const strings = trace.strings;
  const e = trace.events;
  const rows: { time: number; text: string }[] = [];
  for (let i = 0; i < e.length; i += RECORD_SLOTS) {
    const kind = e[i + 1]!;
    if (NOT_THE_PROGRAMS.has(kind)) continue;
    // PROC_EXIT's b is an error string id: write its text too.
    const loc = e[i + 7]! >= 0 ? strings.get(e[i + 7]!) ?? '?' : '-';
    rows.push({ time: e[i]!, text: `${kind} t${e[i + 2]} o${e[i + 3]} ${e[i + 4]} ${e[i + 5]} ${e[i + 6]} @${loc}` });
  }
  // One thread moves at a time in scheduling mode: time order is the order the program ran in.
  rows.sort((a, b) => a.time - b.time);
  return rows.map((r) => r.text);
}

/** The footer's schedule of a trace made in scheduling mode. */
export function scheduleOf(tracePath: string): { schedule: string; preemptions: number; choices: number; points: number } {
  const footer = parseTrace(readFileSync(tracePath)).footer;
  if (!footer?.schedule) throw new Error(`${tracePath} holds no schedule`);
  return footer.schedule;
}
