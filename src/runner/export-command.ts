/** `interleave export TRACE --format chrome|html -o FILE`. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrace } from '../shared/trace-file';
import { toChromeTrace } from './chrome-export';
import { renderTraceHtml } from './export-html';
import { UsageError } from './run-command';

export function exportCommand(tracePath: string, format: string | undefined, out: string | undefined): number {
  if (!out) throw new UsageError('export needs -o FILE');
  if (format === 'chrome') {
    const trace = parseTrace(readFileSync(tracePath));
    writeFileSync(out, JSON.stringify(toChromeTrace(trace)));
  } else if (format === 'html') {
    if (!writeHtmlExport(tracePath, out)) throw new Error('the timeline bundle (media/webview.js) is missing: run `npm run build` first');
  } else {
    throw new UsageError(`--format must be chrome or html, got '${format ?? ''}'`);
  }
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}

/** Writes the self-contained HTML timeline of a trace; false when the webview bundle is not built. */
export function writeHtmlExport(tracePath: string, out: string): boolean {
  const media = join(__dirname, '..', 'media');
  const js = join(media, 'webview.js');
  const css = join(media, 'timeline.css');
  if (!existsSync(js) || !existsSync(css)) return false;
  const html = renderTraceHtml(readFileSync(tracePath), readFileSync(js, 'utf8'), readFileSync(css, 'utf8'));
  writeFileSync(out, html);
  return true;
}
