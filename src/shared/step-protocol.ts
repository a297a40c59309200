/**
 * Step mode, where the user is the scheduler (`interleave run SCRIPT --step`, and the timeline's
 * step panel): what the runner shows at each choice point, and what the user answers.
 *
 * The runner sends a StepView at every choice point of the run (where two or more threads can
 * move) and once more when the run has ended; the user answers with a StepAction. The same view
 * travels runner → extension (runner-protocol's 'step') → webview (protocol's 'step'), and the
 * same action webview → extension → runner, each checked on receipt with the parsers below:
 * the webview is a less trusted context, and the runner may be another version.
 *
 * Undo is a rerun: the script runs again from the start under the choices made so far minus the
 * last (replay is exact, see runner/sched/guided.ts), and stops at the choice taken back.
 */

/** A thread that can move now, and the operation it is about to do. */
export interface StepThread {
  pid: number;
  name: string;
  /** 'read', 'write', 'acquire', 'release', 'wait', 'sleep', 'sync', 'start', 'start a process', 'join'. */
  op: string;
  /** The object it is about to act on (a Value's name, a lock's, a process's), or null. */
  object: string | null;
  /** The user's source line about to run, when known. */
  file: string | null;
  line: number | null;
}

/** A shared Value or Array and its elements now, read from the shared heap. */
export interface StepValue {
  name: string;
  kind: 'Value' | 'Array';
  /** The elements as text (bigint and float alike); an Array shows its first MAX_STEP_ELEMENTS. */
  values: string[];
}

export interface StepView {
  /** Choices taken so far in this run (the index of the choice asked now). */
  index: number;
  /** Those choices as a one-line schedule (`is1:…`): `run --replay` runs the same again. */
  schedule: string;
  /** Whether there is a choice to take back. */
  canUndo: boolean;
  /** The threads that can move (empty once the run has ended). */
  threads: StepThread[];
  values: StepValue[];
  /** Set once the run has ended: how, and what the analysis found. */
  ended: { result: string; message: string | null; findings: { kind: string; message: string }[] } | null;
}

export type StepAction =
  /** Let this thread move. */
  | { action: 'pick'; pid: number }
  /** Take the last choice back. */
  | { action: 'undo' }
  /** End the session (a run in progress is stopped; an ended run's trace is kept). */
  | { action: 'stop' };

export const MAX_STEP_ELEMENTS = 64;
const MAX_THREADS = 1024;
const MAX_VALUES = 256;
const MAX_FINDINGS = 100;
const MAX_TEXT = 500;

type Rec = Record<string, unknown>;
function isRecord(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function text(x: unknown, max = MAX_TEXT): string | null {
  return typeof x === 'string' ? x.slice(0, max) : null;
}
function count(x: unknown): number | null {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : null;
}
/** Items of an array from the other side, read by index (never its own methods: see protocol.ts's head()). */
function items(x: unknown, max: number): unknown[] {
  if (!Array.isArray(x)) return [];
  const out: unknown[] = [];
  for (let i = 0; i < x.length && i < max; i++) out.push(x[i]);
  return out;
}

function parseThread(x: unknown): StepThread | null {
  if (!isRecord(x)) return null;
  const pid = count(x.pid);
  const name = text(x.name);
  const op = text(x.op, 40);
  if (pid === null || name === null || op === null) return null;
  const line = count(x.line);
  return { pid, name, op, object: text(x.object), file: text(x.file, 4096), line: line !== null && line > 0 ? line : null };
}

function parseValue(x: unknown): StepValue | null {
  if (!isRecord(x) || (x.kind !== 'Value' && x.kind !== 'Array')) return null;
  const name = text(x.name);
  if (name === null) return null;
  const values: string[] = [];
  for (const v of items(x.values, MAX_STEP_ELEMENTS)) {
    const s = text(v, 40);
    if (s === null) return null;
    values.push(s);
  }
  return { name, kind: x.kind, values };
}

function parseEnded(x: unknown): StepView['ended'] {
  if (!isRecord(x)) return null;
  const result = text(x.result, 20);
  if (result === null) return null;
  const findings: { kind: string; message: string }[] = [];
  for (const f of items(x.findings, MAX_FINDINGS)) {
    if (!isRecord(f)) continue;
    const kind = text(f.kind, 40);
    if (kind !== null) findings.push({ kind, message: text(f.message) ?? '' });
  }
  return { result, message: text(x.message), findings };
}

/** Checks a StepView; null when it is not one. Malformed threads or values make it none. */
export function parseStepView(x: unknown): StepView | null {
  if (!isRecord(x)) return null;
  const index = count(x.index);
  const schedule = text(x.schedule, 100_000);
  if (index === null || schedule === null || typeof x.canUndo !== 'boolean') return null;
  const threads: StepThread[] = [];
  for (const t of items(x.threads, MAX_THREADS)) {
    const parsed = parseThread(t);
    if (!parsed) return null;
    threads.push(parsed);
  }
  const values: StepValue[] = [];
  for (const v of items(x.values, MAX_VALUES)) {
    const parsed = parseValue(v);
    if (!parsed) return null;
    values.push(parsed);
  }
  const ended = x.ended === null || x.ended === undefined ? null : parseEnded(x.ended);
  if (x.ended !== null && x.ended !== undefined && ended === null) return null;
  return { index, schedule, canUndo: x.canUndo, threads, values, ended };
}

/** Checks a StepAction; null when it is not one. */
export function parseStepAction(x: unknown): StepAction | null {
  if (!isRecord(x)) return null;
  switch (x.action) {
    case 'pick': {
      const pid = count(x.pid);
      return pid === null ? null : { action: 'pick', pid };
    }
    case 'undo': return { action: 'undo' };
    case 'stop': return { action: 'stop' };
    default: return null;
  }
}
