/**
 * `interleave export TRACE --format html`: one self-contained HTML file that opens offline.
 *
 * - The trace is embedded as base64 in `<script type="application/octet-stream">`, an element the
 *   browser never executes; the timeline bundle decodes it. Base64 has no `<`, so it cannot end
 *   the element early.
 * - A strict Content-Security-Policy: `default-src 'none'` (no network at all), scripts and styles
 *   only with this file's nonce (from crypto.randomBytes), no 'unsafe-inline', no eval.
 * - Every string from the trace stays data: the title is HTML-escaped here, and the webview draws
 *   names and labels with textContent / fillText.
 */
import { escapeHtml } from '../shared/html-escape';
import { randomBytes } from 'node:crypto';
import { analyzeTrace } from '../analysis/analyze';
import type { Report } from '../analysis/report';
import type { ReportSummary } from '../shared/protocol';
import { EXCERPT_CONTEXT, MAX_EXCERPTS, excerptKey, type SourceExcerpts } from '../shared/source-excerpts';
import { parseTrace } from '../shared/trace-file';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ExportHtmlOptions {
  /** Shown as the page title and the timeline's heading (default: the trace's script). */
  title?: string;
  /** The analysis report to embed (so the file lists the findings and marks their events).
   *  By default the trace is analysed here; pass `null` to embed none. */
  report?: ReportSummary | Report | null;
}

/** What the timeline needs of a Report: the contract fields and the event detail, trimmed. */
export function reportSummary(report: ReportSummary | Report): ReportSummary {
  const out: ReportSummary = { result: report.result, findings: report.findings, queues: report.queues, locks: report.locks };
  if (report.races) out.races = report.races.map((r) => ({ finding: r.finding, first: { record: r.first.record }, second: { record: r.second.record } }));
  if (report.lostUpdates) {
    out.lostUpdates = report.lostUpdates.map((l) => ({
      finding: l.finding,
      lost: l.lost,
      updates: l.updates.slice(0, 200).map((u) => ({ writeRecord: u.writeRecord, overwrittenRecord: u.overwrittenRecord })),
    }));
  }
  if (report.deadlocks) {
    out.deadlocks = report.deadlocks.map((d) => ({
      finding: d.finding,
      waits: d.waits.map((w) => ({ waiterPid: w.waiterPid, object: w.object, holderPid: w.holderPid })),
    }));
  }
  return out;
}

function analyzed(traceBytes: Uint8Array): { summary: ReportSummary | null; script: string | null } {
  try {
    const parsed = parseTrace(traceBytes);
    return { summary: reportSummary(analyzeTrace(parsed)), script: parsed.header.script };
  } catch {
    // Not a readable trace: the page says so itself when it tries to open it.
    return { summary: null, script: null };
  }
}

/** The lines around each finding's locations, read now (the page cannot read files). A file
 *  that cannot be read is left out: the details then name the line without showing it. */
export function sourceExcerpts(summary: ReportSummary | null, scriptPath: string | null): SourceExcerpts {
  const out: SourceExcerpts = {};
  if (!summary) return out;
  const files = new Map<string, string[] | null>();
  const base = scriptPath ? path.dirname(scriptPath) : process.cwd();
  let n = 0;
  for (const f of summary.findings) {
    for (const loc of f.locations) {
      const key = excerptKey(loc.file, loc.line);
      if (n >= MAX_EXCERPTS || key in out) continue;
      let lines = files.get(loc.file);
      if (lines === undefined) {
        try {
          const file = loc.file.startsWith('file://') ? new URL(loc.file).pathname : path.resolve(base, loc.file);
          lines = readFileSync(file, 'utf8').split(/\r?\n/);
        } catch {
          lines = null;
        }
        files.set(loc.file, lines);
      }
      if (!lines || loc.line < 1 || loc.line > lines.length) continue;
      const first = Math.max(1, loc.line - EXCERPT_CONTEXT);
      out[key] = { first, lines: lines.slice(first - 1, loc.line + EXCERPT_CONTEXT) };
      n++;
    }
  }
  return out;
}

function scriptOf(traceBytes: Uint8Array): string | null {
  try {
    return parseTrace(traceBytes).header.script;
  } catch {
    return null;
  }
}

/** Makes script text safe inside <script>…</script>: no closing tag, no comment opener. */
function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

export function renderTraceHtml(traceBytes: Uint8Array, webviewJs: string, css: string, options: ExportHtmlOptions = {}): string {
  const nonce = makeNonce();
  const auto = options.report === undefined ? analyzed(traceBytes) : null;
  const summary = options.report ? reportSummary(options.report) : auto?.summary ?? null;
  const script = auto ? auto.script : scriptOf(traceBytes);
  const title = options.title ?? (script ? script.split(/[\\/]/).pop() || script : 'Interleave trace');
  const base64 = Buffer.from(traceBytes.buffer, traceBytes.byteOffset, traceBytes.byteLength).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const report = summary
    ? `<script type="application/json" id="interleave-report">${JSON.stringify(summary).replace(/</g, '\\u003c')}</script>\n`
    : '';
  const excerpts = sourceExcerpts(summary, script);
  const sources = Object.keys(excerpts).length > 0
    ? `<script type="application/json" id="interleave-sources">${JSON.stringify(excerpts).replace(/</g, '\\u003c')}</script>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} — Interleave</title>
<style nonce="${nonce}">${styleText(css)}</style>
</head>
<body>
<div id="interleave-root"></div>
<script type="application/octet-stream" id="interleave-trace" data-title="${escapeHtml(title)}">${base64}</script>
${report}${sources}<script nonce="${nonce}">${scriptText(webviewJs)}</script>
</body>
</html>
`;
}
