import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeLensTitles, waitFor, workspaceFile } from './helpers';

function lineOf(doc: vscode.TextDocument, text: string): number {
  const i = doc.getText().split('\n').findIndex((l) => l.startsWith(text));
  assert.ok(i >= 0, `fixture has no line starting with ${text}`);
  return i;
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('interleave').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('code lenses', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    await api();
    doc = await vscode.workspace.openTextDocument(workspaceFile('workers.ts'));
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await setSetting('workers', undefined);
    await setSetting('codeLens.enabled', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('puts Run and Check for races above each exported top-level function (and Find a failing interleaving and Step through interleaving above main), and nothing else', async () => {
    const titles = await waitFor('code lenses', async () => {
      const t = await codeLensTitles(doc.uri);
      return t.length > 0 ? t : undefined;
    });
    const expected = [
      { line: lineOf(doc, 'export function main'), title: '▶ Run main' },
      { line: lineOf(doc, 'export function main'), title: 'Check for races' },
      { line: lineOf(doc, 'export function main'), title: 'Find a failing interleaving' },
      { line: lineOf(doc, 'export function main'), title: 'Step through interleaving' },
      { line: lineOf(doc, 'export function addMany'), title: '▶ Run main (starts this target)' },
      { line: lineOf(doc, 'export function addMany'), title: 'Check for races' },
      { line: lineOf(doc, 'export async function spin'), title: '▶ Run on N' },
      { line: lineOf(doc, 'export async function spin'), title: 'Check for races' },
      { line: lineOf(doc, 'export const scale'), title: '▶ Run on N' },
      { line: lineOf(doc, 'export const scale'), title: 'Check for races' },
    ];
    const normalized = titles.map((t) => ({ line: t.line, title: t.title.replace(/^▶ Run on \d+ workers?$/, '▶ Run on N') }));
    assert.deepEqual(normalized, expected);
  });

  it('finds CommonJS exports in JavaScript', async () => {
    const js = await vscode.workspace.openTextDocument(workspaceFile('plain.js'));
    const titles = await waitFor('js lenses', async () => {
      const t = await codeLensTitles(js.uri);
      return t.length > 0 ? t : undefined;
    });
    assert.deepEqual(titles.map((t) => t.line), [1, 1]);
  });

  it('puts "Run file with Interleave" at the top of a file that creates a Worker', async () => {
    const plain = await vscode.workspace.openTextDocument(workspaceFile('plain-race.js'));
    const titles = await waitFor('plain program lenses', async () => {
      const t = await codeLensTitles(plain.uri);
      return t.length > 0 ? t : undefined;
    });
    assert.deepEqual(titles, [{ line: 0, title: '▶ Run file with Interleave' }]);
  });

  it('uses the workers setting in the title', async () => {
    await setSetting('workers', 3);
    await waitFor('a lens saying 3 workers', async () => (await codeLensTitles(doc.uri)).some((t) => t.title === '▶ Run on 3 workers') || undefined);
  });

  it('refreshes on edit', async () => {
    const original = doc.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(original.length), '\nexport function addedByTest() {}\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const line = lineOf(doc, 'export function addedByTest');
    try {
      await waitFor('a lens on the new function', async () => (await codeLensTitles(doc.uri)).some((t) => t.line === line) || undefined);
    } finally {
      // Put the text back exactly and save, so the fixture on disk is as it was (later runs save it).
      const undo = new vscode.WorkspaceEdit();
      undo.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(undo);
      await doc.save();
      assert.equal(doc.getText(), original);
    }
    await waitFor('the lens to go', async () => ((await codeLensTitles(doc.uri)).some((t) => t.line === line) ? undefined : true));
  });

  it('turns off with interleave.codeLens.enabled = false', async () => {
    await setSetting('codeLens.enabled', false);
    await waitFor('no lenses', async () => ((await codeLensTitles(doc.uri)).length === 0 ? true : undefined));
    await setSetting('codeLens.enabled', undefined);
    await waitFor('lenses back', async () => ((await codeLensTitles(doc.uri)).length > 0 ? true : undefined));
  });
});
