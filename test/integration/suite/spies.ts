/**
 * Watches, from inside the extension host, every way Node offers to start a process or open a
 * network connection, and records the calls made from this extension's code (its bundle is in the
 * call stack). Installed once per extension host, before the extension activates (the first test
 * file imports this), and shared by the suite's files through globalThis (each file is its own
 * bundle). Other extensions in the same host are not affected: their calls are passed on
 * untouched and not recorded.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

export interface SpiedCall {
  api: string;
  /** For process starts: the command line (the CLI's arguments after dist/cli.js). */
  args: string[];
  at: number;
}

interface SpyState {
  calls: SpiedCall[];
  /** Whether the extension was already active when the spies went in. */
  activeBeforeSpies: boolean;
}

const KEY = '__interleaveSpies';
type Holder = { [KEY]?: SpyState };

export function spies(): SpyState {
  const holder = globalThis as Holder;
  if (!holder[KEY]) holder[KEY] = install();
  return holder[KEY];
}

export function processStarts(since = 0): SpiedCall[] {
  return spies().calls.filter((c) => c.at >= since && c.api.startsWith('child_process.'));
}

export function networkCalls(): SpiedCall[] {
  return spies().calls.filter((c) => !c.api.startsWith('child_process.'));
}

function install(): SpyState {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  const bundle = path.join(ext.extensionPath, 'dist', 'extension.js');
  const state: SpyState = { calls: [], activeBeforeSpies: ext.isActive };
  let seq = 0;
  const fromExtension = (): boolean => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 64;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    return stack.includes(bundle);
  };
  const wrap = <T extends object>(owner: T, name: string, label: string, describe: (args: unknown[]) => string[] = () => []): void => {
    const target = owner as Record<string, unknown>;
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (fromExtension()) state.calls.push({ api: label, args: describe(args), at: ++seq });
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  };
  // Built-in modules are shared by everything in this process: require gives the very objects the
  // extension's bundle calls into (it looks functions up on them at call time).
  const cp = require('node:child_process') as typeof import('node:child_process');
  const commandLine = (args: unknown[]): string[] => {
    const list = Array.isArray(args[1]) ? (args[1] as unknown[]).map(String) : [];
    const i = list.findIndex((a) => a.endsWith(path.join('dist', 'cli.js')));
    return i >= 0 ? list.slice(i + 1) : [String(args[0]), ...list];
  };
  for (const name of ['spawn', 'execFile', 'exec', 'fork', 'spawnSync', 'execFileSync', 'execSync']) {
    wrap(cp, name, `child_process.${name}`, commandLine);
  }
  const net = require('node:net') as typeof import('node:net');
  wrap(net, 'connect', 'net.connect');
  wrap(net, 'createConnection', 'net.createConnection');
  wrap(net.Socket.prototype, 'connect', 'net.Socket#connect');
  wrap(require('node:tls'), 'connect', 'tls.connect');
  for (const mod of ['node:http', 'node:https']) {
    wrap(require(mod), 'request', `${mod}.request`);
    wrap(require(mod), 'get', `${mod}.get`);
  }
  wrap(require('node:http2'), 'connect', 'http2.connect');
  wrap(require('node:dgram'), 'createSocket', 'dgram.createSocket');
  wrap(require('node:dns'), 'lookup', 'dns.lookup');
  wrap(globalThis, 'fetch', 'fetch');
  return state;
}
