/**
 * Where the webview runs: inside VS Code (acquireVsCodeApi: postMessage, getState, setState) or
 * standalone (the exported HTML file: no host; state kept in memory; reveal shows the location).
 */
import type { FromWebview } from '../../src/shared/protocol';
import type { Location } from '../model/locations';

export interface Host {
  readonly inVsCode: boolean;
  post(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
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
  };
}

/** Asks the host to open a source location (the host checks it again: parseFromWebview). */
export function revealMessage(loc: Location): FromWebview {
  const msg: FromWebview = { type: 'reveal', file: loc.file, line: loc.line };
  if (loc.column !== undefined) msg.column = loc.column;
  return msg;
}
