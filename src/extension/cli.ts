/** The CLI commands the extension uses besides `run`, each in a child process. */
import * as path from 'node:path';
import { runCli } from './cli-tool';
import { parseReport, type Report } from './report';
import { cliLaunch, type LaunchOptions } from './runner-launch';

export async function reportTrace(opts: LaunchOptions, tracePath: string): Promise<Report> {
  const r = await runCli(cliLaunch(opts, ['report', tracePath, '--json']), path.dirname(tracePath));
  if (!r.stdout.trim()) throw new Error(`interleave report exited ${r.code}: ${r.stderr.trim() || 'no output'}`);
  return parseReport(r.stdout);
}

export type ExportFormat = 'chrome' | 'html';

export async function exportTrace(opts: LaunchOptions, tracePath: string, format: ExportFormat, outFile: string): Promise<void> {
  const r = await runCli(cliLaunch(opts, ['export', tracePath, '--format', format, '-o', outFile]), path.dirname(tracePath));
  if (r.code !== 0) throw new Error(`interleave export exited ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
}
