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
import { randomBytes } from 'node:crypto';
import type { ReportSummary } from '../shared/protocol';

export interface ExportHtmlOptions {
  /** Shown as the page title and the timeline's heading (default: "Interleave trace"). */
  title?: string;
  /** The analysis report, embedded so the exported file lists the findings. */
  report?: ReportSummary;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
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
  const title = options.title ?? 'Interleave trace';
  const base64 = Buffer.from(traceBytes.buffer, traceBytes.byteOffset, traceBytes.byteLength).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const report = options.report
    ? `<script type="application/json" id="interleave-report">${JSON.stringify(options.report).replace(/</g, '\\u003c')}</script>\n`
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
${report}<script nonce="${nonce}">${scriptText(webviewJs)}</script>
</body>
</html>
`;
}
