/** Reads a trace file and analyses it: what report, summary and --fail-on share. */
import { readFileSync } from 'node:fs';
import { analyzeTrace, type Report } from '../analysis';
import { parseTrace } from '../shared/trace-file';

export function analyzeFile(path: string): Report {
  return analyzeTrace(parseTrace(readFileSync(path)));
}
