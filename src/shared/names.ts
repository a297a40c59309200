/**
 * One vocabulary for the names of processes and shared objects, for every room: the analysis
 * names them in findings, the webview matches findings to lanes by those names, the Chrome export
 * and the live status name them too. A name the script gave (or the runtime derived) always wins;
 * these are the names of what has none in the trace.
 */
import { objectKindName } from './events';

/** "MainProcess" for the main worker (Python's name), else "Process-N" (Python's default). */
export function defaultProcessName(pid: number): string {
  return pid === 0 ? 'MainProcess' : `Process-${pid}`;
}

/** "Lock-5", "SharedArray-7", …: the object's kind and id; "object-5" when the kind is unknown. */
export function defaultObjectName(id: number, kind: number | undefined): string {
  return kind ? `${capitalize(objectKindName(kind))}-${id}` : `object-${id}`;
}

function capitalize(kebab: string): string {
  return kebab.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
