/**
 * Colours come from the VS Code theme. timeline.css maps each role to a `--vscode-*` variable with
 * a fallback for the standalone HTML file (`--il-running: var(--vscode-charts-green, #3fb950)`);
 * here we read the resolved values once per theme change, so canvas drawing uses the same colours
 * as the DOM around it.
 */

import { opaqueColour } from './opaque-colour';

export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  header: string;
  running: string;
  lock: string;
  queue: string;
  join: string;
  sleep: string;
  wait: string;
  hold: string;
  contended: string;
  lockWait: string;
  read: string;
  write: string;
  mark: string;
  task: string;
  flowLock: string;
  flowQueue: string;
  flowTask: string;
  migration: string;
  race: string;
  deadlock: string;
  focus: string;
  selection: string;
  /** Distinct colours for processes on core lanes. */
  series: string[];
  font: string;
  fontSize: number;
}

const ROLES: [keyof Palette, string, string][] = [
  ['background', '--il-bg', '#1e1e1e'],
  ['foreground', '--il-fg', '#cccccc'],
  ['muted', '--il-muted', '#8b8b8b'],
  ['grid', '--il-grid', '#3c3c3c'],
  ['header', '--il-header', '#252526'],
  ['running', '--il-running', '#3fb950'],
  ['lock', '--il-blocked-lock', '#f14c4c'],
  ['queue', '--il-blocked-queue', '#d18616'],
  ['join', '--il-blocked-join', '#b180d7'],
  ['sleep', '--il-sleeping', '#3794ff'],
  ['wait', '--il-waiting', '#cca700'],
  ['hold', '--il-holding', '#3fb950'],
  ['contended', '--il-contended', '#d18616'],
  ['lockWait', '--il-lock-wait', '#f14c4c'],
  ['read', '--il-read', '#3794ff'],
  ['write', '--il-write', '#d18616'],
  ['mark', '--il-mark', '#cccccc'],
  ['task', '--il-task', '#b180d7'],
  ['flowLock', '--il-flow-lock', '#e0e0e0'],
  ['flowQueue', '--il-flow-queue', '#3794ff'],
  ['flowTask', '--il-flow-task', '#b180d7'],
  ['migration', '--il-migration', '#8b8b8b'],
  ['race', '--il-race', '#ff3b3b'],
  ['deadlock', '--il-deadlock', '#ff3b3b'],
  ['focus', '--il-focus', '#007fd4'],
  ['selection', '--il-selection', 'rgba(38, 79, 120, 0.45)'],
];

const SERIES: [string, string][] = [
  ['--il-series-1', '#3794ff'],
  ['--il-series-2', '#3fb950'],
  ['--il-series-3', '#d18616'],
  ['--il-series-4', '#b180d7'],
  ['--il-series-5', '#cca700'],
  ['--il-series-6', '#f14c4c'],
];

export function readPalette(el: Element): Palette {
  const style = getComputedStyle(el);
  const get = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const out: Record<string, unknown> = {};
  // Marks are drawn opaque (opaque-colour.ts: VS Code's charts.orange is a third opaque); the
  // selection and the background are the only colours meant to be seen through.
  for (const [role, variable, fallback] of ROLES) out[role] = role === 'selection' || role === 'background' ? get(variable, fallback) : opaqueColour(get(variable, fallback));
  out.series = SERIES.map(([v, f]) => opaqueColour(get(v, f)));
  out.font = get('--il-font', 'system-ui, sans-serif');
  out.fontSize = Number.parseFloat(get('--il-font-size', '12')) || 12;
  return out as unknown as Palette;
}
