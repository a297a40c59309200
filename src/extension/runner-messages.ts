/**
 * Checks what arrives from the runner child process before anything trusts it: the IPC channel
 * carries structured clones, so a wrong shape here means a version mismatch, and it must be said
 * plainly rather than crash somewhere deeper.
 */
import type { RunnerMessage } from '../shared/runner-protocol';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isRunnerMessage(v: unknown): v is RunnerMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'started':
      return isObject(v.header) && typeof v.tracePath === 'string';
    case 'batch':
      return Array.isArray(v.strings) && v.events instanceof Float64Array;
    case 'finished':
      return isObject(v.footer) && typeof v.exitStatus === 'number';
    // The view itself is checked where it is used (parseStepView), as the webview checks it again.
    case 'step':
      return isObject(v.view);
    case 'step-refused':
      return typeof v.reason === 'string';
    default:
      return false;
  }
}
