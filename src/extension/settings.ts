import * as vscode from 'vscode';
import type { InterleaveSettings, LocationCapture } from './settings-types';

export const SECTION = 'interleave';

export function readSettings(scope?: vscode.ConfigurationScope): InterleaveSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const locations = c.get<string>('locations', 'sampled');
  return {
    workers: Math.max(0, Math.floor(c.get<number>('workers', 0))),
    timeoutMs: Math.max(100, c.get<number>('timeoutMs', 60_000)),
    locations: (['sampled', 'all', 'off'].includes(locations) ? locations : 'sampled') as LocationCapture,
    // Restricted in untrusted workspaces (package.json restrictedConfigurations): a workspace must
    // not be able to choose which binary the extension starts.
    nodePath: c.get<string>('nodePath', '').trim(),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    workerHeapMb: workerHeapMbOf(c.get<number>('workerHeapMb', 0)),
    sharedHeapMb: sharedHeapMbOf(c.get<number>('sharedHeapMb', 0)),
  };
}

/** 0 (or anything under the runner's minimum of 16 MB) leaves the runner's default. */
function workerHeapMbOf(value: number): number | undefined {
  return Number.isInteger(value) && value >= 16 ? value : undefined;
}

/** 0 (or anything outside the runner's 1..2047 MB) leaves the runner's default. */
function sharedHeapMbOf(value: number): number | undefined {
  return Number.isInteger(value) && value >= 1 && value <= 2047 ? value : undefined;
}
