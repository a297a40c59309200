/**
 * Entry of the timeline webview bundle (media/webview.js). Inside VS Code it talks the protocol
 * in src/shared/protocol.ts (validated on receipt); in an exported HTML file it reads the trace
 * embedded in `<script type="application/octet-stream" id="interleave-trace">` (base64, never
 * executed) and, when present, a report in `<script type="application/json" id="interleave-report">`
 * and the source lines around the findings in `id="interleave-sources"`.
 */
import { parseReport, parseToWebview } from '../src/shared/protocol';
import { TimelineApp } from './app';
import { testHooks } from './test-hooks';
import { detectHost, revealMessage } from './ui/host';
import { StepPanel } from './ui/step-panel';

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function start(): void {
  // The exported file mounts in #interleave-root, the extension's page in #app.
  const mount = document.getElementById('interleave-root') ?? document.getElementById('app') ?? document.body;
  const host = detectHost();
  const app = new TimelineApp(mount, host);
  // Tests and the benchmark reach the page through this (test-hooks.ts); users never do.
  (globalThis as { __interleave?: unknown }).__interleave = { app: testHooks(app) };
  // Step mode's panel sits between the toolbar and the timeline; hidden until a step session.
  const step = new StepPanel((m) => host.post(m), host.inVsCode ? (loc) => host.post(revealMessage(loc)) : null);
  const toolbar = mount.querySelector('.il-app')?.firstElementChild;
  if (toolbar) toolbar.after(step.root);
  // The panel takes height from the timeline as it comes and goes: the plot is sized again (only
  // then: the observer's first call, for a hidden panel, must not resize a view just framed).
  let stepHeight = 0;
  new ResizeObserver(() => {
    if (step.root.offsetHeight === stepHeight) return;
    stepHeight = step.root.offsetHeight;
    app.resize();
  }).observe(step.root);

  window.addEventListener('message', (event: MessageEvent) => {
    const msg = parseToWebview(event.data);
    if (!msg) {
      console.warn('interleave: ignored a malformed message');
      return;
    }
    if (!step.handle(msg)) app.handle(msg);
  });

  const embedded = document.getElementById('interleave-trace');
  if (embedded && embedded.textContent) {
    const title = embedded.getAttribute('data-title') ?? 'trace';
    app.loadTrace(decodeBase64(embedded.textContent), title);
    const reportEl = document.getElementById('interleave-report');
    if (reportEl && reportEl.textContent) {
      try {
        const report = parseReport(JSON.parse(reportEl.textContent));
        if (report) app.setReport(report);
      } catch {
        /* a broken embedded report only loses the findings list */
      }
    }
  }
  host.post({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
