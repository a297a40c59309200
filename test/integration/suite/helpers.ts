import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InterleaveApi } from '../../../src/extension/api';

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
