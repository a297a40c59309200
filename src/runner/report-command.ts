/** `interleave report TRACE [--json]`: findings and statistics of a trace. */
import { basename } from 'node:path';
import { analyzeFile } from './analyze-file';
import { printable } from './printable';

export function reportCommand(tracePath: string, json: boolean): number {
  const report = analyzeFile(tracePath);
  if (report.partial) process.stderr.write(`interleave: ${report.partial.message}\n`);
  if (report.cutShort) process.stderr.write(`interleave: ${report.cutShort}\n`);
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  // Every line is made printable: the trace's strings are untrusted text.
  const out: string[] = [];
  out.push(`${basename(tracePath)}: ${report.result}, ${report.events} events${report.dropped ? `, ${report.dropped} dropped` : ''}`);
  for (const note of report.notes ?? []) out.push(`note: ${note}`);
  out.push('processes:');
  for (const p of report.processes) out.push(`  ${p.name.padEnd(16)} exit ${p.exitCode ?? '-'}${p.error ? `  ${p.error.split('\n')[0]}` : ''}`);
  out.push(report.findings.length ? 'findings:' : 'findings: none');
  for (const f of report.findings) {
    out.push(`  ${f.kind}: ${f.message.split('\n')[0]}`);
    for (const l of f.locations) out.push(`      at ${l.file}:${l.line}`);
  }
  if (report.locks.length) {
    out.push('locks:');
    for (const l of report.locks) {
      out.push(`  ${l.name.padEnd(28)} ${l.acquisitions} acquisitions, ${l.contended} contended, wait ${l.waitMs.toFixed(2)} ms, hold ${l.holdMs.toFixed(2)} ms`);
    }
  }
  if (report.queues.length) {
    out.push('queues:');
    for (const q of report.queues) out.push(`  ${q.name.padEnd(28)} ${q.puts} puts, ${q.gets} gets`);
  }
  process.stdout.write(`${out.map(printable).join('\n')}\n`);
  return 0;
}
