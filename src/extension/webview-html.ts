/**
 * The timeline page's HTML. The Content-Security-Policy allows nothing by default, then exactly:
 * the bundled script and stylesheet from the extension's media/ (by the webview's own source), the
 * one inline bootstrap script carrying this page's nonce, and images/fonts from the same source.
 * No eval, no inline handlers, no network, no data: or blob: sources, no <base>, no form targets.
 * No vscode import: unit-tested in plain Node.
 */
import { escapeHtml } from '../shared/html-escape';

export interface WebviewHtmlParts {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** asWebviewUri(media/webview.js), or null when the bundle is not built (fallback page). */
  scriptUri: string | null;
  styleUri: string | null;
  title: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    // Not covered by default-src: no <base> may redirect relative URLs, no form may post anywhere.
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

export function renderWebviewHtml(parts: WebviewHtmlParts): string {
  const { nonce } = parts;
  const style = parts.styleUri ? `<link rel="stylesheet" href="${escapeHtml(parts.styleUri)}" nonce="${nonce}">` : '';
  const script = parts.scriptUri
    ? `<script nonce="${nonce}" src="${escapeHtml(parts.scriptUri)}"></script>`
    : `<script nonce="${nonce}">${FALLBACK_SCRIPT}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(parts.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(parts.title)}</title>
${style}
</head>
<body>
<main id="app" aria-label="Interleave timeline"></main>
${script}
</body>
</html>`;
}


/**
 * Shown only while media/webview.js is not built: says what arrives, as text, and speaks the
 * protocol's 'ready', so the host side works alone.
 */
const FALLBACK_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const line = document.createElement('p');
  document.getElementById('app').append(line);
  let events = 0;
  const show = (t) => { line.textContent = 'Interleave timeline (text view: the timeline bundle is not built). ' + t; };
  show('Waiting for a run.');
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'start') events = 0;
    if (m.type === 'batch' && m.events) events += m.events.length / 8;
    if (m.type === 'load') show('Loaded a trace of ' + (m.trace ? m.trace.byteLength : 0) + ' bytes.');
    else show(events + ' events' + (m.type === 'finished' ? ', finished.' : '.'));
  });
  vscode.postMessage({ type: 'ready' });
})();`;
