/**
 * The host ↔ timeline-webview protocol (in the style of vscode-hexeditor's shared/protocol.ts).
 *
 * Both directions are tagged unions on `type`. Every message is checked on receipt with
 * `parseToWebview` / `parseFromWebview`: a webview is a separate, less trusted context and a
 * trace is user data, so neither side trusts the shape of what arrives. The parsers return a
 * normalised message (typed arrays rebuilt from ArrayBuffers or plain arrays, which is what some
 * transports deliver) or `null` for anything malformed.
 *
 * Flow: the webview posts `ready`; the host answers with `load` (a whole trace file) or with
 * `start` followed by `batch`es while a run streams, then `finished`; `report` may arrive at any
 * time after events (the analysis' findings). The webview posts `reveal` when the user asks to
 * see an event's source line, and `state` whenever its view changes (the host keeps it for
 * WebviewPanelSerializer; inside the webview the same object goes to vscode.setState).
 */
import type { RunResult, TraceFooter, TraceHeader } from './trace-file';

import type { Finding, SourceLocation } from './report-contract';
import { parseStepAction, parseStepView, type StepAction, type StepView } from './step-protocol';

export type { FindingKind, SourceLocation } from './report-contract';

/** One finding: the contract's Finding (docs/report-json.md), defined once in
 *  src/shared/report-contract.ts; only its kind is any string here, because a webview or an
 *  extension may meet a trace from a newer runner with kinds it does not know yet. */
export interface ReportFinding extends Omit<Finding, 'kind'> {
  kind: string;
}

/**
 * Event references in a report are record indices: positions in the trace's events in file order
 * (as src/analysis/report.ts defines them), which is also the webview's event order for a loaded
 * trace and for a live run streamed in file order.
 */
export interface RaceRef {
  /** Index of the finding in `findings`. */
  finding: number;
  first: { record: number };
  second: { record: number };
}

export interface LostUpdateRef {
  finding: number;
  lost: number;
  updates: { writeRecord: number; overwrittenRecord: number | null }[];
}

export interface DeadlockRef {
  finding: number;
  waits: { waiterPid: number; object: string; holderPid: number | null }[];
}

/**
 * The part of the analysis report the timeline draws: the contract fields of
 * `interleave report --json`, plus (optionally) the detail that ties findings to events. A full
 * analysis Report may be sent as it is: unknown fields are dropped on receipt.
 */
export interface ReportSummary {
  result?: RunResult;
  findings: ReportFinding[];
  queues?: { name: string; puts: number; gets: number }[];
  locks?: { name: string; acquisitions: number; contended: number; waitMs: number; holdMs: number }[];
  races?: RaceRef[];
  lostUpdates?: LostUpdateRef[];
  deadlocks?: DeadlockRef[];
}

/** What the webview keeps across a reload (vscode.getState/setState and the serializer). */
export interface WebviewState {
  version: 1;
  /** Visible time range in trace milliseconds, or null for "fit everything". */
  view: { t0: number; t1: number } | null;
  follow: boolean;
  search: string;
  /** Lane keys the user hid (e.g. "w:3", "l:12"). */
  hiddenLanes: string[];
  /** Category names the user hid (e.g. "memory", "flows"). */
  hiddenCategories: string[];
  /** The side panel as the user last set it with its toggle; absent: by the width (webview/ui/responsive.ts). */
  side?: 'open' | 'closed';
}

export type ToWebview =
  /** Show a whole trace file (the `.itrace` bytes). */
  | { type: 'load'; trace: Uint8Array; title: string }
  /** A live run begins: an empty timeline with this header. */
  | { type: 'start'; header: TraceHeader; title: string }
  /** New strings and events of a live run (as runner-protocol's 'batch'). */
  | { type: 'batch'; strings: [number, string][]; events: Float64Array }
  /** The analysis' findings and statistics. */
  | { type: 'report'; report: ReportSummary }
  /** The live run ended. */
  | { type: 'finished'; footer: TraceFooter; exitStatus: number }
  /** Step mode (shared/step-protocol.ts): a choice waits for the user, or a run has ended. */
  | { type: 'step'; view: StepView }
  /** Step mode: the last answer was refused, and why. */
  | { type: 'stepRefused'; reason: string }
  /** The step session is over (its runner has exited): the step panel goes. */
  | { type: 'stepEnd' };

export type FromWebview =
  | { type: 'ready' }
  /** Open the source at this location (1-based line, optional 1-based column). */
  | { type: 'reveal'; file: string; line: number; column?: number }
  | { type: 'state'; state: WebviewState }
  /** Step mode: the user's answer (a thread's button, Undo, Stop). */
  | { type: 'step'; answer: StepAction }
  /** Step mode: the page shows this choice (the acknowledgement tests read): its index, whether
   *  the run has ended, the threads offered as buttons and the values as shown ("counter = 1"). */
  | { type: 'stepShown'; index: number; ended: boolean; threads: string[]; values: string[] };

// ---------------------------------------------------------------------------------------------
// Runtime validation

type Rec = Record<string, unknown>;

function isRecord(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isString(x: unknown): x is string {
  return typeof x === 'string';
}
function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
/**
 * The first n items of an array from the other side, copied into a plain array. Never x.slice,
 * x.filter or x.map on what arrived: an array carrying its own `constructor` property (structured
 * clone keeps it) makes those look up constructor[Symbol.species] and throw.
 */
function head<T>(x: T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < x.length && i < n; i++) out.push(x[i]);
  return out;
}
function isStringArray(x: unknown): x is string[] {
  if (!Array.isArray(x)) return false;
  // (a loop, not every(): every() skips the holes of a sparse array)
  return everyIndex(x, isString);
}

/** Uint8Array from a Uint8Array, an ArrayBuffer, any ArrayBufferView, or an array of bytes. */
function toBytes(x: unknown): Uint8Array | null {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  if (Array.isArray(x) && everyIndex(x, (b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) < 256)) return Uint8Array.from(x as number[]);
  return null;
}

/** Like every(), but visits the holes of a sparse array too (every() skips them, and a hole
 *  would then pass as 0 on one side of the channel and arrive otherwise on the other). */
function everyIndex(x: unknown[], test: (value: unknown) => boolean): boolean {
  for (let i = 0; i < x.length; i++) if (!test(x[i])) return false;
  return true;
}

/** Float64Array from a Float64Array, an ArrayBuffer of whole doubles, or an array of numbers. */
function toFloat64(x: unknown): Float64Array | null {
  if (x instanceof Float64Array) return x;
  if (x instanceof ArrayBuffer) return x.byteLength % 8 === 0 ? new Float64Array(x.slice(0)) : null;
  if (ArrayBuffer.isView(x)) {
    if (x.byteLength % 8 !== 0) return null;
    const copy = new Float64Array(x.byteLength / 8);
    new Uint8Array(copy.buffer).set(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    return copy;
  }
  if (Array.isArray(x) && everyIndex(x, (n) => typeof n === 'number')) return Float64Array.from(x as number[]);
  return null;
}

/**
 * Bounds on what a report may carry (an analysis report is far smaller): without them a hostile or
 * broken report of 100,000 findings held the webview for tens of seconds.
 */
export const REPORT_LIMITS = { findings: 2000, perFinding: 100, stats: 10000 } as const;

/** A location the host can reveal: a file, a 1-based line (as parseFromWebview requires of reveal). */
function parseLocation(x: unknown): SourceLocation | null {
  if (!isRecord(x) || !isString(x.file) || x.file.length === 0 || !isFiniteNumber(x.line) || x.line < 1) return null;
  return { file: x.file, line: Math.floor(x.line) };
}

function stringList(x: unknown): string[] {
  return Array.isArray(x) ? head(x, REPORT_LIMITS.perFinding).filter(isString) : [];
}

function parseFinding(x: unknown): ReportFinding | null {
  if (!isRecord(x) || !isString(x.kind)) return null;
  const locations: SourceLocation[] = [];
  if (Array.isArray(x.locations)) {
    for (const l of head(x.locations, REPORT_LIMITS.perFinding)) {
      const loc = parseLocation(l);
      if (loc) locations.push(loc);
    }
  }
  return {
    kind: x.kind,
    message: isString(x.message) ? x.message : '',
    objects: stringList(x.objects),
    processes: stringList(x.processes),
    locations,
  };
}

/** Checks a report; unknown extra fields are dropped, malformed findings are skipped. */
export function parseReport(x: unknown): ReportSummary | null {
  if (!isRecord(x) || !Array.isArray(x.findings)) return null;
  const findings: ReportFinding[] = [];
  for (const f of head(x.findings, REPORT_LIMITS.findings)) {
    const parsed = parseFinding(f);
    if (parsed) findings.push(parsed);
  }
  const report: ReportSummary = { findings };
  if (x.result === 'ok' || x.result === 'error' || x.result === 'timeout' || x.result === 'deadlock') report.result = x.result;
  if (Array.isArray(x.queues)) {
    report.queues = head(x.queues, REPORT_LIMITS.stats).filter((q): q is { name: string; puts: number; gets: number } =>
      isRecord(q) && isString(q.name) && isFiniteNumber(q.puts) && isFiniteNumber(q.gets)).map((q) => ({ name: q.name, puts: q.puts, gets: q.gets }));
  }
  const record = (r: unknown): number | null => (isRecord(r) && Number.isInteger(r.record) && (r.record as number) >= 0 ? (r.record as number) : null);
  const nonNegInt = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (Array.isArray(x.races)) {
    report.races = [];
    for (const r of head(x.races, 10000)) {
      if (!isRecord(r) || !nonNegInt(r.finding)) continue;
      const a = record(r.first);
      const b = record(r.second);
      if (a !== null && b !== null) report.races.push({ finding: r.finding, first: { record: a }, second: { record: b } });
    }
  }
  if (Array.isArray(x.lostUpdates)) {
    report.lostUpdates = [];
    for (const l of head(x.lostUpdates, 10000)) {
      if (!isRecord(l) || !nonNegInt(l.finding)) continue;
      const updates = Array.isArray(l.updates)
        ? head(l.updates, 1000).filter((u): u is Rec => isRecord(u) && nonNegInt(u.writeRecord)).map((u) => ({
            writeRecord: u.writeRecord as number,
            overwrittenRecord: nonNegInt(u.overwrittenRecord) ? u.overwrittenRecord : null,
          }))
        : [];
      report.lostUpdates.push({ finding: l.finding, lost: isFiniteNumber(l.lost) ? l.lost : 0, updates });
    }
  }
  if (Array.isArray(x.deadlocks)) {
    report.deadlocks = [];
    for (const d of head(x.deadlocks, 1000)) {
      if (!isRecord(d) || !nonNegInt(d.finding) || !Array.isArray(d.waits)) continue;
      const waits = head(d.waits, 10000)
        .filter((w): w is Rec => isRecord(w) && nonNegInt(w.waiterPid) && isString(w.object))
        .map((w) => ({ waiterPid: w.waiterPid as number, object: w.object as string, holderPid: nonNegInt(w.holderPid) ? w.holderPid : null }));
      report.deadlocks.push({ finding: d.finding, waits });
    }
  }
  if (Array.isArray(x.locks)) {
    report.locks = head(x.locks, REPORT_LIMITS.stats)
      .filter((l): l is Rec => isRecord(l) && isString(l.name))
      .map((l) => ({
        name: l.name as string,
        acquisitions: isFiniteNumber(l.acquisitions) ? l.acquisitions : 0,
        contended: isFiniteNumber(l.contended) ? l.contended : 0,
        waitMs: isFiniteNumber(l.waitMs) ? l.waitMs : 0,
        holdMs: isFiniteNumber(l.holdMs) ? l.holdMs : 0,
      }));
  }
  return report;
}

function parseHeader(x: unknown): TraceHeader | null {
  if (!isRecord(x) || !isFiniteNumber(x.schema) || !isString(x.script)) return null;
  return {
    schema: x.schema,
    script: x.script,
    epochWallMs: isFiniteNumber(x.epochWallMs) ? x.epochWallMs : 0,
    cpuCount: isFiniteNumber(x.cpuCount) ? x.cpuCount : 1,
    platform: isString(x.platform) ? x.platform : '',
    coresKnown: x.coresKnown === true,
    locations: isString(x.locations) ? x.locations : 'off',
  };
}

function parseFooter(x: unknown): TraceFooter | null {
  if (!isRecord(x)) return null;
  const result = x.result;
  if (result !== 'ok' && result !== 'error' && result !== 'timeout' && result !== 'deadlock') return null;
  const processes = Array.isArray(x.processes)
    ? head(x.processes, 1_000_000)
        .filter((p): p is Rec => isRecord(p) && isFiniteNumber(p.id) && isString(p.name))
        .map((p) => ({
          id: p.id as number,
          name: p.name as string,
          exitCode: isFiniteNumber(p.exitCode) ? p.exitCode : null,
          error: isString(p.error) ? p.error : null,
        }))
    : [];
  let deadlock: TraceFooter['deadlock'] = null;
  if (isRecord(x.deadlock) && Array.isArray(x.deadlock.edges)) {
    deadlock = {
      edges: head(x.deadlock.edges, 100_000)
        .filter((e): e is Rec => isRecord(e) && isFiniteNumber(e.waiter) && isFiniteNumber(e.object) && isFiniteNumber(e.holder))
        .map((e) => ({ waiter: e.waiter as number, object: e.object as number, holder: e.holder as number })),
    };
  }
  return {
    result,
    message: isString(x.message) ? x.message : null,
    processes,
    dropped: isFiniteNumber(x.dropped) ? x.dropped : 0,
    deadlock,
    durationMs: isFiniteNumber(x.durationMs) ? x.durationMs : 0,
  };
}

function parseStrings(x: unknown): [number, string][] | null {
  if (!Array.isArray(x)) return null;
  const out: [number, string][] = [];
  for (const pair of x) {
    if (!Array.isArray(pair) || !isFiniteNumber(pair[0]) || !isString(pair[1])) return null;
    out.push([pair[0], pair[1]]);
  }
  return out;
}

/** Validates a message arriving in the webview. Returns null when it is not a ToWebview. */
export function parseToWebview(x: unknown): ToWebview | null {
  if (!isRecord(x) || !isString(x.type)) return null;
  switch (x.type) {
    case 'load': {
      const trace = toBytes(x.trace);
      if (!trace) return null;
      return { type: 'load', trace, title: isString(x.title) ? x.title : 'trace' };
    }
    case 'start': {
      const header = parseHeader(x.header);
      if (!header) return null;
      return { type: 'start', header, title: isString(x.title) ? x.title : header.script };
    }
    case 'batch': {
      const strings = parseStrings(x.strings);
      const events = toFloat64(x.events);
      if (!strings || !events || events.length % 8 !== 0) return null;
      return { type: 'batch', strings, events };
    }
    case 'report': {
      const report = parseReport(x.report);
      return report ? { type: 'report', report } : null;
    }
    case 'finished': {
      const footer = parseFooter(x.footer);
      if (!footer) return null;
      return { type: 'finished', footer, exitStatus: isFiniteNumber(x.exitStatus) ? x.exitStatus : 0 };
    }
    case 'step': {
      const view = parseStepView(x.view);
      return view ? { type: 'step', view } : null;
    }
    case 'stepRefused':
      return isString(x.reason) ? { type: 'stepRefused', reason: x.reason.slice(0, 500) } : null;
    case 'stepEnd':
      return { type: 'stepEnd' };
    default:
      return null;
  }
}

/** Checks a WebviewState (also used on what getState returns after a reload). */
export function parseWebviewState(x: unknown): WebviewState | null {
  if (!isRecord(x) || x.version !== 1) return null;
  let view: WebviewState['view'] = null;
  if (isRecord(x.view) && isFiniteNumber(x.view.t0) && isFiniteNumber(x.view.t1) && x.view.t1 > x.view.t0) {
    view = { t0: x.view.t0, t1: x.view.t1 };
  }
  return {
    version: 1,
    view,
    follow: x.follow === true,
    search: isString(x.search) ? x.search.slice(0, 500) : '',
    hiddenLanes: isStringArray(x.hiddenLanes) ? head(x.hiddenLanes, 10000) : [],
    hiddenCategories: isStringArray(x.hiddenCategories) ? head(x.hiddenCategories, 100) : [],
    ...(x.side === 'open' || x.side === 'closed' ? { side: x.side } : {}),
  };
}

/** Validates a message arriving in the host. Returns null when it is not a FromWebview. */
export function parseFromWebview(x: unknown): FromWebview | null {
  if (!isRecord(x) || !isString(x.type)) return null;
  switch (x.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal': {
      if (!isString(x.file) || x.file.length === 0 || !isFiniteNumber(x.line) || x.line < 1) return null;
      const msg: FromWebview = { type: 'reveal', file: x.file, line: Math.floor(x.line) };
      if (isFiniteNumber(x.column) && x.column >= 1) msg.column = Math.floor(x.column);
      return msg;
    }
    case 'state': {
      const state = parseWebviewState(x.state);
      return state ? { type: 'state', state } : null;
    }
    case 'step': {
      const answer = parseStepAction(x.answer);
      return answer ? { type: 'step', answer } : null;
    }
    case 'stepShown': {
      if (!Number.isInteger(x.index) || (x.index as number) < 0 || typeof x.ended !== 'boolean') return null;
      if (!isStringArray(x.threads) || !isStringArray(x.values)) return null;
      const short = (list: string[]): string[] => head(list, 1000).map((t) => t.slice(0, 500));
      return { type: 'stepShown', index: x.index as number, ended: x.ended, threads: short(x.threads), values: short(x.values) };
    }
    default:
      return null;
  }
}
