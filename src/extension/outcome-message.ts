/**
 * One sentence that names what happened to a run, for the notification, the log and the API:
 * "worker-throws.ts: fragile-worker failed at worker-throws.ts:7: Error: sensor 4 returned
 * garbage". No vscode import: unit-tested in plain Node.
 */
import type { TraceFooter } from '../shared/trace-file';
import { summarizeFindings, type Finding } from './report';
import type { RunOutcome } from './run-types';

export interface OutcomeFacts {
  title: string;
  footer: TraceFooter | null;
  /** Why the run has no footer (the runner died, could not start, spoke another protocol). */
  failure: string | null;
  findings: readonly Finding[];
  stoppedByUser: boolean;
}

export type OutcomeSeverity = 'info' | 'warning' | 'error';

export function describeOutcome(f: OutcomeFacts): { text: string; severity: OutcomeSeverity } {
  const first = (kind: string) => f.findings.find((x) => x.kind === kind)?.message.split('\n')[0];
  if (!f.footer) {
    return { text: `${f.title}: ${f.failure ?? 'the runner ended unexpectedly'}`, severity: 'error' };
  }
  const { result, message } = f.footer;
  if (f.stoppedByUser) return { text: `${f.title}: stopped; the trace keeps the run up to the stop`, severity: 'info' };
  switch (result) {
    case 'ok':
      return { text: `${f.title}: finished, ${summarizeFindings(f.findings)}`, severity: 'info' };
    case 'timeout':
      return { text: `${f.title}: ${message ?? 'timed out'}${stillRunning(first('timeout'))}`, severity: 'warning' };
    case 'deadlock':
      const cycle = message ?? first('deadlock') ?? 'a wait-for cycle';
      // (never "Deadlock: deadlock: …": the word once, from the title or from the message; a
      // title says it only as its own first word, "deadlock demo", not inside a file name)
      const text = /^deadlock(?![\w.-])/i.test(f.title) ? cycle.replace(/^deadlock:\s*/i, '') : /^deadlock\b/i.test(cycle) ? cycle : `deadlock: ${cycle}`;
      return { text: `${f.title}: ${text}`, severity: 'warning' };
    case 'error': {
      if (message) return { text: `${f.title}: ${message}`, severity: 'warning' };
      const errors = f.findings.filter((x) => x.kind === 'worker-error').map((x) => x.message.split('\n')[0]);
      const fromFooter = f.footer.processes.filter((p) => p.error).map((p) => `${p.name} failed: ${p.error!.split('\n')[0]}`);
      const list = errors.length ? errors : fromFooter;
      const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
      return { text: `${f.title}: ${list[0] ?? 'the script failed'}${more}`, severity: 'warning' };
    }
  }
}

/** "; still running: MainProcess (last at …:11), spinner." from the timeout finding, if any. */
function stillRunning(finding: string | undefined): string {
  const i = finding?.indexOf('still running') ?? -1;
  return finding && i >= 0 ? `; ${finding.slice(i)}` : '';
}

/** Why a runner that ended without a footer did: a signal, an exit, or a start that failed. */
export function runnerEndedMessage(exit: { code: number | null; signal: string | null }, outputTail: string): string {
  const tail = outputTail ? `: ${outputTail}` : '';
  if (exit.signal) {
    return `the runner was killed by ${exit.signal} before the run ended (by another process, or the system when memory ran out); ` +
      `the trace keeps what was written until then${tail}`;
  }
  return `the runner ended without finishing (exit ${exit.code ?? '?'}); the trace keeps what was written until then${tail}`;
}

export type { RunOutcome };
