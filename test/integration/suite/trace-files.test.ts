import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, waitFor } from './helpers';

describe('trace files', () => {
  let tracePath: string;

  before(async () => {
    const a = await api();
    const last = a.lastRun() ?? (await vscode.commands.executeCommand<{ tracePath: string }>('interleave.runDemo', 'queue'));
    assert.ok(last, 'needs a run');
    tracePath = last.tracePath;
    assert.ok(fs.existsSync(tracePath), `${tracePath} missing`);
  });

  it('Open Trace… opens an .itrace in the read-only trace editor', async () => {
    await vscode.commands.executeCommand('interleave.openTrace', tracePath);
    const tab = await waitFor('the trace editor tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'interleave.traceViewer'),
    );
    assert.equal((tab.input as vscode.TabInputCustom).uri.fsPath, tracePath);
    await vscode.window.tabGroups.close(tab);
  });

  for (const format of ['chrome', 'html'] as const) {
    it(`Export Trace… writes ${format}`, async function () {
      this.timeout(60_000);
      const out = path.join(os.tmpdir(), `interleave-export-${process.pid}.${format === 'chrome' ? 'json' : 'html'}`);
      const written = await vscode.commands.executeCommand<string>('interleave.exportTrace', tracePath, format, out);
      assert.equal(written, out);
      const text = fs.readFileSync(out, 'utf8');
      if (format === 'chrome') assert.ok(JSON.parse(text));
      else assert.match(text, /<html/i);
      fs.rmSync(out, { force: true });
    });
  }
});
