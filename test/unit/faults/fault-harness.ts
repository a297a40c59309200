/**
 * What every fault-matrix test checks after its fault, whatever the fault was:
 *   - the trace is kept and openable: parseTrace and analyzeTrace take it (cut short or not);
 *   - nothing is left behind: the runner process is gone, and no descendant of it still runs
 *     (workers are threads of the runner, so they die with it; /proc shows what is left);
 * plus a runner started the way the extension starts it (`dist/cli.js run SCRIPT --ipc`, stdio
 * pipes plus an IPC channel with 'advanced' serialization), for Stop, a vanished parent and a kill.
 */
import { strict as assert } from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTrace, type Report } from '../../../src/analysis';
import type { RunnerMessage } from '../../../src/shared/runner-protocol';
import { parseTrace, type ParsedTrace } from '../../../src/shared/trace-file';
import { CLI, ROOT, descendantsOf, fixturePath, isAlive } from '../run-fixture';

let scratch: string | null = null;
/** A scratch folder for this test process's traces, removed at exit (INTERLEAVE_KEEP_TRACES keeps it). */
export function scratchDir(): string {
  if (scratch === null) {
    scratch = mkdtempSync(join(tmpdir(), 'interleave-faults-'));
    const dir = scratch;
    process.on('exit', () => {
      if (!process.env.INTERLEAVE_KEEP_TRACES) rmSync(dir, { recursive: true, force: true });
    });
  }
  return scratch;
}

let traces = 0;
export function newTracePath(name: string): string {
  return join(scratchDir(), `${name}-${++traces}.itrace`);
}

export interface OpenedTrace {
  trace: ParsedTrace;
  report: Report;
  bytes: number;
}

/** The trace file parses and analyses (the 'openable' of the fault matrix). */
export function assertTraceOpens(path: string): OpenedTrace {
  const bytes = statSync(path).size;
  assert.ok(bytes > 0, `the trace ${path} is empty`);
  const trace = parseTrace(readFileSync(path));
  const report = analyzeTrace(trace);
  assert.ok(trace.events.length > 0, 'the trace holds no events');
  return { trace, report, bytes };
}

/** OS threads of this process now (Linux /proc; worker_threads are OS threads). */
export function threadCount(pid: number | 'self' = 'self'): number {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return 0;
  }
}

/** Waits until `check` holds or `ms` passed; returns whether it held. */
export async function waitFor(check: () => boolean, ms: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Threads of this (test) process return to `baseline`: worker_threads an in-process Supervisor
 * started are gone. Node keeps a few helper threads of its own (libuv's pool grows on first use),
 * so the check waits a little and allows that pool.
 */
export async function assertThreadsBackTo(baseline: number, slack = 4): Promise<void> {
  const back = await waitFor(() => threadCount() <= baseline + slack, 5000);
  assert.ok(back, `threads of the test process: ${threadCount()} now, ${baseline} before the run`);
}

/** A runner child started as the extension starts it, with what it said and when it ended. */
export interface IpcRunner {
  child: ChildProcess;
  messages: RunnerMessage[];
  stdout: () => string;
  stderr: () => string;
  /** Descendants of the runner seen while it ran (sampled every 50 ms). */
  seen: Set<number>;
  /** Resolves when the runner has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** Resolves with the first message of that type. */
  next<T extends RunnerMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<RunnerMessage, { type: T }>>;
  startedAt: number;
}

export function startIpcRunner(fixture: string, tracePath: string, extraArgs: string[] = []): IpcRunner {
  const child = fork(CLI, ['run', fixturePath(fixture), '--ipc', '--out', tracePath, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const startedAt = Date.now();
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const messages: RunnerMessage[] = [];
  const waiters: { type: string; resolve: (m: RunnerMessage) => void }[] = [];
  child.on('message', (m: RunnerMessage) => {
    messages.push(m);
    for (const w of waiters.splice(0)) {
      if (w.type === m.type) w.resolve(m);
      else waiters.push(w);
    }
  });
  const seen = new Set<number>();
  const sampler = setInterval(() => { if (child.pid) for (const p of descendantsOf(child.pid)) seen.add(p); }, 50);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(sampler);
      resolve({ code, signal, atMs: Date.now() - startedAt });
    });
  });
  return {
    child,
    messages,
    stdout: () => out,
    stderr: () => err,
    seen,
    exited,
    startedAt,
    next(type, timeoutMs = 20_000) {
      const already = messages.find((m) => m.type === type);
      if (already) return Promise.resolve(already as never);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no '${type}' message from the runner within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ type, resolve: (m) => { clearTimeout(timer); resolve(m as never); } });
      });
    },
  };
}

/** Waits for a batch count, so a fault lands in the middle of a run that is streaming. */
export async function batchesSeen(runner: IpcRunner, count: number, timeoutMs = 20_000): Promise<void> {
  const ok = await waitFor(() => runner.messages.filter((m) => m.type === 'batch').length >= count, timeoutMs);
  assert.ok(ok, `the runner sent fewer than ${count} batches in ${timeoutMs} ms\n${runner.stderr()}`);
}

/** The runner pid is gone and so is every descendant seen while it ran. */
export async function assertNothingLeft(pid: number | undefined, seen: Iterable<number>): Promise<void> {
  assert.ok(pid !== undefined);
  const gone = await waitFor(() => !isAlive(pid), 5000);
  assert.ok(gone, `the runner ${pid} is still there`);
  const left = [...seen].filter(isAlive);
  assert.deepEqual(left, [], `processes left running: ${left.join(', ')}`);
  assert.deepEqual(descendantsOf(pid), [], 'the runner still has children');
}
