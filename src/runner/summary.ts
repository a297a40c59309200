/** The short human summary `interleave run` prints. */
import { basename, isAbsolute, relative } from 'node:path';
import type { FileReport } from './analyze-file';
import { printable } from './printable';
import { shellWord } from './shell-word';
import type { RunOutcome } from './supervisor';

interface Writable {
  write(text: string): unknown;
}

/** What to say when the trace could not be written whole (a full disk, a folder not writable). */
export function traceWriteProblem(outcome: Pick<RunOutcome, 'writeError' | 'traceBytes'>): string | null {
  if (!outcome.writeError) return null;
  const bytes = outcome.traceBytes.toLocaleString('en-US');
  return outcome.traceBytes > 0
    ? `the trace could not be written whole: writing stopped after ${bytes} bytes (${outcome.writeError.message}); it holds the run up to there`
    : `the trace could not be written: ${outcome.writeError.message}`;
}

/**
 * `report` is null when the trace could not be read back at all (it was never written); the
 * summary then says so instead of listing findings.
 */
export function printSummary(out: Writable, outcome: RunOutcome, report: FileReport | null): void {
  const { footer } = outcome;
  const events = report?.events ?? outcome.state.events;
  const dropped = report?.dropped ?? footer.dropped;
  const lines: string[] = [];
  const workers = footer.processes.length;
  lines.push('');
  lines.push(`── interleave: ${basename(outcome.script)} ${footer.result.toUpperCase()} in ${footer.durationMs.toFixed(0)} ms · ${workers} worker${workers === 1 ? '' : 's'} · ${events.toLocaleString('en-US')} events${dropped ? ` · ${dropped.toLocaleString('en-US')} DROPPED` : ''}`);
  if (footer.message && footer.result !== 'ok') lines.push(`   ${footer.message}`);
  for (const note of footer.notes ?? []) lines.push(`   ${note}`);
  if (dropped) {
    lines.push(`   ${dropped.toLocaleString('en-US')} events were dropped: the event rings overflowed faster than the runner drained them (the timeline has gaps there)`);
  }
  const writeProblem = traceWriteProblem(outcome);
  if (writeProblem) lines.push(`   TRACE INCOMPLETE: ${writeProblem}`);
  if (report?.partial) lines.push(`   ${report.partial.message}`);
  if (!report) {
    lines.push('   no findings: the trace could not be read back for analysis');
  } else if (report.findings.length === 0) {
    lines.push('   no findings: no races, deadlocks or worker errors seen in this run');
  } else {
    for (const finding of report.findings) {
      const where = finding.locations.map((l) => `${basename(l.file)}:${l.line}`).filter((v, i, a) => a.indexOf(v) === i).join(', ');
      const first = finding.message.split('\n')[0];
      lines.push(`   ${finding.kind.padEnd(20)} ${first}${where ? `  [${where}]` : ''}`);
    }
  }
  const hint = report ? exploreHint(outcome, report) : null;
  if (hint) lines.push(`   ${hint}`);
  lines.push(`   trace: ${outcome.tracePath}`);
  out.write(`${lines.map(printable).join('\n')}\n`);
}

/**
 * What to try next when a run raced but lost no update (the race demo ends at 200 now and then):
 * the loss is one interleaving away, and `explore` looks for it. Not for a run under a schedule
 * (explore's own, a replay: its interleaving was chosen) nor for a plain worker_threads program
 * (the scheduler cannot run those yet).
 */
export function exploreHint(outcome: Pick<RunOutcome, 'script' | 'decisions' | 'plain'>, report: Pick<FileReport, 'findings'>, cwd = process.cwd()): string | null {
  const kinds = new Set(report.findings.map((f) => f.kind));
  if (!kinds.has('data-race') || kinds.has('lost-update') || outcome.decisions || outcome.plain) return null;
  const near = relative(cwd, outcome.script);
  const script = near && !near.startsWith('..') && !isAbsolute(near) ? near : outcome.script;
  return `no update was lost in this run; other interleavings may lose one: interleave explore ${shellWord(script)} --until lost-update`;
}
