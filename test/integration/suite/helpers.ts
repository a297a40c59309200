import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InterleaveApi } from '../../../src/extension/api';
import { EventKind, SCHEMA_VERSION } from '../../../src/shared/events';
import { ChunkType, TRACE_MAGIC, encodeEventsChunk, encodeJsonChunk } from '../../../src/shared/trace-file';

export const EXTENSION_ID = 'interleave-dev.interleave';

export async function api(): Promise<InterleaveApi> {
  const ext = vscode.extensions.getExtension<InterleaveApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture workspace open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function codeLensTitles(uri: vscode.Uri): Promise<{ line: number; title: string }[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses
    .filter((l) => l.command && l.command.command.startsWith('interleave.'))
    .map((l) => ({ line: l.range.start.line, title: l.command!.title }))
    .sort((a, b) => a.line - b.line || a.title.localeCompare(b.title));
}

/** A process started from this extension's CLI (`dist/cli.js run …`, `report`, `export`). */
export interface CliProcess {
  pid: number;
  args: string[];
  /** Threads in it now (a runner has one per worker, plus Node's own). */
  threads: number;
}

/**
 * Every live process running this extension's dist/cli.js, found through /proc (the tests run in
 * the extension host, on Linux). `mentioning` narrows it to command lines holding that text (the
 * script or the trace path of one test).
 */
export function cliProcesses(mentioning?: string): CliProcess[] {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  const found: CliProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (!args.includes(cli)) continue;
      if (mentioning && !args.some((a) => a.includes(mentioning))) continue;
      // A zombie (exited, not yet reaped) has an empty cmdline, so it is not counted here; its
      // state is checked by noCliProcessLeft.
      found.push({ pid: Number(entry), args: args.slice(args.indexOf(cli) + 1), threads: fs.readdirSync(`/proc/${entry}/task`).length });
    } catch {
      // It exited while we looked.
    }
  }
  return found;
}

/** Waits (up to `ms`) until no CLI process mentioning `what` is alive, and that `pids` are gone (not even zombies). */
export async function noCliProcessLeft(what: string, pids: number[] = [], ms = 8_000): Promise<void> {
  await waitFor(`no ${what} process left (${JSON.stringify(cliProcesses(what))})`, () => cliProcesses(what).length === 0 || undefined, ms);
  for (const pid of pids) {
    await waitFor(`process ${pid} to be gone from /proc`, () => !fs.existsSync(`/proc/${pid}`) || undefined, ms);
  }
}

/** The kinds of sockets a process holds open ('unix', 'tcp', 'tcp6', 'udp', 'udp6'), from /proc. */
export function socketKinds(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const kinds: string[] = [];
  for (const table of ['unix', 'tcp', 'tcp6', 'udp', 'udp6']) {
    let text = '';
    try {
      text = fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    const column = table === 'unix' ? 6 : 9;
    for (const line of text.split('\n').slice(1)) {
      const inode = line.trim().split(/\s+/)[column];
      if (inode && inodes.has(inode)) kinds.push(table);
    }
  }
  return kinds;
}

/** Opens a trace with Open Trace… and waits until its page has the trace; closes the tab after. */
export async function openTraceInEditor(tracePath: string): Promise<void> {
  const a = await api();
  await vscode.commands.executeCommand('interleave.openTrace', tracePath);
  const target = vscode.Uri.file(tracePath).toString();
  await waitFor(`the trace editor to load ${path.basename(tracePath)}`, () =>
    a.traceEditors().some((e) => e.uri === target && e.counters.ready && e.counters.deliveredTraces > 0) || undefined,
  30_000);
  const tab = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === target);
  if (tab) await vscode.window.tabGroups.close(tab);
}

/** Writes a small valid trace (header, a few events, footer) for tests that only open one. */
export function writeSmallTrace(file: string): string {
  const header = { schema: SCHEMA_VERSION, script: 'small.ts', epochWallMs: 0, cpuCount: 2, platform: 'linux', coresKnown: false, locations: 'off' };
  const footer = { result: 'ok', message: null, processes: [{ id: 0, name: 'MainProcess', exitCode: 0, error: null }], dropped: 0, deadlock: null, durationMs: 1 };
  const events = new Float64Array([0, EventKind.PROC_BEGIN, 0, 0, -1, 0, 0, -1, 1, EventKind.PROC_EXIT, 0, 0, 0, -1, 0, -1]);
  fs.writeFileSync(file, Buffer.concat([TRACE_MAGIC, encodeJsonChunk(ChunkType.HEADER, header), encodeEventsChunk(events), encodeJsonChunk(ChunkType.FOOTER, footer)]));
  return file;
}
