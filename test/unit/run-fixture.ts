/**
 * Runs a fixture (test/fixtures/NAME.ts) through the real CLI, as a user would:
 *   node dist/cli.js run FIXTURE --out TRACE --timeout MS
 *   node dist/cli.js report TRACE --json
 * and returns what the contract promises: the exit status, the output, the report JSON, and the
 * fixture's own observations (the line `RESULT <json>` it prints).
 *
 * While the CLI runs, its descendants are sampled from /proc, so a test can check that nothing is
 * left running once it has exited. Build first (`node build.mjs`); INTERLEAVE_CLI overrides the
 * CLI path.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = process.env.INTERLEAVE_CLI ? resolve(process.env.INTERLEAVE_CLI) : join(ROOT, 'dist/cli.js');
export const FIXTURES = join(ROOT, 'test/fixtures');

/** The report JSON of docs/report-json.md (the contract; more fields may come). */
export interface ReportJson {
  result: 'ok' | 'error' | 'timeout' | 'deadlock';
  processes: { name: string; exitCode: number | null; error: string | null }[];
  findings: {
    kind: 'data-race' | 'lost-update' | 'deadlock' | 'lock-order-inversion' | 'abandoned-lock' | 'worker-error' | 'timeout';
    message: string;
    objects: string[];
    processes: string[];
    locations: { file: string; line: number }[];
  }[];
  queues: { name: string; puts: number; gets: number }[];
  locks: { name: string; acquisitions: number; contended: number; waitMs: number; holdMs: number }[];
  events: number;
  dropped: number;
}

export interface FixtureRun<R = unknown> {
  /** The CLI's exit status (null when it was killed by a signal). */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** `report --json` of the trace, or null when there was no trace or report failed. */
  report: ReportJson | null;
  /** The fixture's `RESULT <json>` line, parsed (undefined when it printed none; bigints as "123n"). */
  result: R;
  /** Wall time from spawn to the CLI's exit. */
  elapsedMs: number;
  tracePath: string;
  /** Descendant pids of the CLI seen while it ran that still exist after it exited. */
  leftovers: number[];
  /** Whether the CLI itself (its pid) still existed after its exit was reported. */
  cliStillThere: boolean;
  /** True when the helper had to kill the CLI after `hardLimitMs`. */
  killed: boolean;
}

export interface RunFixtureOptions {
  /** --timeout passed to the CLI (ms). */
  timeoutMs?: number;
  /** The helper kills the CLI after this long (a hang is a failure, never a stuck suite). */
  hardLimitMs?: number;
  /** Extra CLI arguments after the script. */
  args?: string[];
}

let scratch: string | null = null;
function scratchDir(): string {
  if (scratch === null) {
    scratch = mkdtempSync(join(tmpdir(), 'interleave-test-'));
    const dir = scratch;
    process.on('exit', () => {
      if (!process.env.INTERLEAVE_KEEP_TRACES) rmSync(dir, { recursive: true, force: true });
    });
  }
  return scratch;
}

let runs = 0;

export function fixturePath(name: string): string {
  const file = /\.[cm]?[jt]s$/.test(name) ? name : `${name}.ts`;
  return join(FIXTURES, file);
}

/** Runs `interleave run` on a fixture and reads back its report. */
export async function runFixture<R = unknown>(name: string, options: RunFixtureOptions = {}): Promise<FixtureRun<R>> {
  const script = fixturePath(name);
  if (!existsSync(script)) throw new Error(`no fixture ${script}`);
  if (!existsSync(CLI)) throw new Error(`no CLI at ${CLI}: run \`node build.mjs\` first`);
  const tracePath = join(scratchDir(), `${name.replace(/[^\w-]/g, '_')}-${++runs}.itrace`);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const hardLimitMs = options.hardLimitMs ?? timeoutMs + 15_000;
  const started = Date.now();
  // No HTML timeline unless asked for: writing one from a flood's large trace would skew the
  // fault tests' timings (the default timeline is tested in cli-run-html.test.ts).
  const extra = options.args ?? [];
  const html = extra.includes('--html') || extra.includes('--no-html') ? [] : ['--no-html'];
  const child = spawn(process.execPath, [CLI, 'run', script, '--out', tracePath, '--timeout', String(timeoutMs), ...html, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const seen = new Set<number>();
  const sample = (): void => { if (child.pid !== undefined) for (const pid of descendantsOf(child.pid)) seen.add(pid); };
  const sampler = setInterval(sample, 50);
  let killed = false;
  const killer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, hardLimitMs);
  const { status, signal } = await new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolvePromise({ status: code, signal: sig }));
  });
  const elapsedMs = Date.now() - started;
  clearInterval(sampler);
  clearTimeout(killer);
  const leftovers = [...seen].filter(isAlive);
  const cliStillThere = child.pid !== undefined && isAlive(child.pid);
  return {
    status,
    signal,
    stdout,
    stderr,
    report: existsSync(tracePath) ? reportOf(tracePath) : null,
    result: resultLine(stdout) as R,
    elapsedMs,
    tracePath,
    leftovers,
    cliStillThere,
    killed,
  };
}

/** `interleave report TRACE --json`, parsed; null when it fails. */
export function reportOf(tracePath: string): ReportJson | null {
  const out = spawnSync(process.execPath, [CLI, 'report', tracePath, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  if (out.status !== 0) return null;
  try {
    return JSON.parse(out.stdout) as ReportJson;
  } catch {
    return null;
  }
}

/** Runs the CLI with arbitrary arguments (synchronously). */
export function runCli(args: string[], timeoutMs = 30_000): { status: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** The last `RESULT <json>` line of the output, parsed. */
export function resultLine(stdout: string): unknown {
  const lines = stdout.split('\n').filter((l) => l.startsWith('RESULT '));
  if (lines.length === 0) return undefined;
  return JSON.parse(lines[lines.length - 1]!.slice('RESULT '.length));
}

/** A one-line account of a run, for assertion messages. */
export function describeRun(run: FixtureRun<unknown>): string {
  const r = run.report;
  const contract = r && { result: r.result, processes: r.processes, findings: r.findings, queues: r.queues, locks: r.locks, events: r.events, dropped: r.dropped };
  return `status ${run.status}${run.signal ? ` (${run.signal})` : ''} in ${run.elapsedMs} ms\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}\n--- report (contract fields)\n${JSON.stringify(contract, null, 1)}`;
}

/** A run that ended well: exit 0, result ok, no worker-error, a RESULT line, nothing left running. */
export function assertCleanRun(run: FixtureRun<unknown>): void {
  const context = describeRun(run);
  assert.equal(run.killed, false, `the CLI hung and was killed\n${context}`);
  assert.equal(run.status, 0, context);
  assert.ok(run.report, `no report\n${context}`);
  assert.equal(run.report.result, 'ok', context);
  assert.deepEqual(run.report.findings.filter((f) => f.kind === 'worker-error'), [], context);
  assert.notEqual(run.result, undefined, `the fixture printed no RESULT line\n${context}`);
  assert.deepEqual(run.leftovers, [], `processes left running\n${context}`);
}

/** Descendant pids of `pid` (Linux /proc; empty elsewhere). */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop()!;
    for (const child of childrenOf(next)) {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const tid of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) children.push(...text.split(/\s+/).map(Number));
    } catch {
      // the thread ended meanwhile
    }
  }
  return children;
}

/** Whether a process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
