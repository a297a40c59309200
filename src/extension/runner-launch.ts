/**
 * How the extension starts the runner: never inside the extension host, always as a child process,
 * so a user's crash, hang or out-of-memory can only take that child down. With no Node path set,
 * the child is VS Code's own binary run as plain Node (ELECTRON_RUN_AS_NODE=1), so users need no
 * Node install. No vscode import: unit-tested in plain Node.
 */
import * as path from 'node:path';
import type { LocationCapture } from './settings-types';

export interface LaunchOptions {
  /** The extension's root folder (holds dist/cli.js). */
  extensionRoot: string;
  /** The node executable to use: the nodePath setting, or '' for process.execPath. */
  nodePath: string;
  /** process.execPath of the extension host. */
  execPath: string;
  /** The environment to start from (the extension host's). */
  baseEnv: NodeJS.ProcessEnv;
  locations: LocationCapture;
}

export interface Launch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export function cliPath(extensionRoot: string): string {
  return path.join(extensionRoot, 'dist', 'cli.js');
}

/** Any CLI command (`run`, `report`, `export`), started the same way. */
export function cliLaunch(opts: LaunchOptions, cliArgs: string[]): Launch {
  const env: NodeJS.ProcessEnv = { ...opts.baseEnv, ELECTRON_RUN_AS_NODE: '1' };
  // Options meant for the extension host's own Node must not leak into the user's run.
  delete env.NODE_OPTIONS;
  delete env.VSCODE_INSPECTOR_OPTIONS;
  return { command: opts.nodePath || opts.execPath, args: [cliPath(opts.extensionRoot), ...cliArgs], env };
}

/** `run SCRIPT --ipc --out TRACE --timeout MS --locations M [--worker-heap-mb N] [--shared-heap-mb N] [--replay R] [--step]`
 *  (src/shared/runner-protocol.ts). A step session has no timeout: the user takes the time they take. */
export function runLaunch(opts: LaunchOptions, script: string, tracePath: string, timeoutMs: number, workerHeapMb?: number, sharedHeapMb?: number, replay?: string, step = false): Launch {
  const timeout = step ? [] : ['--timeout', String(Math.max(1, Math.round(timeoutMs)))];
  const heap = workerHeapMb ? ['--worker-heap-mb', String(workerHeapMb)] : [];
  const shared = sharedHeapMb ? ['--shared-heap-mb', String(sharedHeapMb)] : [];
  // A replay captures every location, as the scheduled run it replays did (its events are theirs).
  const where = replay || step ? [...(replay ? ['--replay', replay] : []), '--locations', 'all'] : ['--locations', opts.locations];
  return cliLaunch(opts, ['run', script, '--ipc', '--out', tracePath, ...timeout, ...where, ...heap, ...shared, ...(step ? ['--step'] : [])]);
}
