/**
 * Where the webview runs: inside VS Code (acquireVsCodeApi: postMessage, getState, setState) or
 * standalone (the exported HTML file: no host; state kept in memory; the details show the source
 * lines embedded in the page instead of opening them).
 */
import type { FromWebview } from '../../src/shared/protocol';
import { parseSourceExcerpts, type SourceExcerpts } from '../../src/shared/source-excerpts';
import type { Location } from '../model/locations';

export interface Host {
  readonly inVsCode: boolean;
  post(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
  /** Source lines around the findings, embedded in an exported page (which has no editor). */
  readonly sources: SourceExcerpts;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Provided by VS Code inside webviews.
  // eslint-disable-next-line no-var
  var acquireVsCodeApi: (() => VsCodeApi) | undefined;
}

export function detectHost(): Host {
  if (typeof globalThis.acquireVsCodeApi === 'function') {
    const api = globalThis.acquireVsCodeApi();
    return {
      inVsCode: true,
      post: (m) => api.postMessage(m),
      getState: () => api.getState(),
      setState: (s) => api.setState(s),
      sources: {},
    };
  }
  let state: unknown = undefined;
  const posted: FromWebview[] = [];
  // Exposed for tests of the standalone page.
  (globalThis as { __interleavePosted?: FromWebview[] }).__interleavePosted = posted;
  return {
    inVsCode: false,
    post: (m) => { posted.push(m); },
    getState: () => state,
    setState: (s) => { state = s; },
    sources: embeddedSources(),
  };
}

/** The exported page's `<script type="application/json" id="interleave-sources">`, checked. */
function embeddedSources(): SourceExcerpts {
  const text = document.getElementById('interleave-sources')?.textContent;
  if (!text) return {};
  try {
    return parseSourceExcerpts(JSON.parse(text));
  } catch {
    return {}; // broken excerpts only lose the source lines in the details
  }
}

/** Asks the host to open a source location (the host checks it again: parseFromWebview). */
export function revealMessage(loc: Location): FromWebview {
  const msg: FromWebview = { type: 'reveal', file: loc.file, line: loc.line };
  if (loc.column !== undefined) msg.column = loc.column;
  return msg;
}
