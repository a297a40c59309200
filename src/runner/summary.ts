/** The short human summary `interleave run` prints. */
import { basename } from 'node:path';
import type { Report } from '../analysis';
import type { RunOutcome } from './supervisor';

interface Writable {
  write(text: string): unknown;
}

export function printSummary(out: Writable, outcome: RunOutcome, report: Report): void {
  const { footer } = outcome;
  const lines: string[] = [];
  const workers = footer.processes.length;
  lines.push('');
  lines.push(`── interleave: ${basename(outcome.script)} ${footer.result.toUpperCase()} in ${footer.durationMs.toFixed(0)} ms · ${workers} worker${workers === 1 ? '' : 's'} · ${report.events.toLocaleString('en-US')} events${report.dropped ? ` · ${report.dropped} DROPPED` : ''}`);
  if (footer.message && footer.result !== 'ok') lines.push(`   ${footer.message}`);
  if (report.findings.length === 0) {
    lines.push('   no findings: no races, deadlocks or worker errors seen in this run');
  } else {
    for (const finding of report.findings) {
      const where = finding.locations.map((l) => `${basename(l.file)}:${l.line}`).filter((v, i, a) => a.indexOf(v) === i).join(', ');
      const first = finding.message.split('\n')[0];
      lines.push(`   ${finding.kind.padEnd(20)} ${first}${where ? `  [${where}]` : ''}`);
    }
  }
  lines.push(`   trace: ${outcome.tracePath}`);
  out.write(`${lines.join('\n')}\n`);
}
