import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeHugeTrace } from '../../unit/hostile/huge-trace-file';
import { api, openTraceInEditor, waitFor } from './helpers';

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

  it('a file that is not a trace: a clear error, and the editor stays usable', async () => {
    const a = await api();
    const bad = path.join(os.tmpdir(), `interleave-not-a-trace-${process.pid}.itrace`);
    fs.writeFileSync(bad, '<script>alert(1)</script> not a trace');
    try {
      await vscode.commands.executeCommand('interleave.openTrace', bad);
      const notice = await waitFor('the error', () => a.notices().find((n) => n.text.includes(path.basename(bad))));
      console.log(`    not a trace: ${notice.text}`);
      assert.equal(notice.severity, 'error');
      assert.match(notice.text, /^Interleave cannot open interleave-not-a-trace-\d+\.itrace: not an Interleave trace: wrong magic bytes$/);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      fs.rmSync(bad, { force: true });
    }
  });

  it('a 1 GiB trace opens as its first 64 MiB of events, said so, without the host ever holding the file', async function () {
    if (process.env.INTERLEAVE_SKIP_HUGE) this.skip();
    this.timeout(180_000);
    const a = await api();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interleave-huge-editor-'));
    try {
      const huge = path.join(dir, 'huge.itrace');
      const written = writeHugeTrace(huge, 1024 ** 3);
      const rss0 = process.memoryUsage().rss;
      let peakRss = rss0;
      const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
      const t0 = Date.now();
      try {
        await openTraceInEditor(huge);
      } finally {
        clearInterval(sampler);
      }
      const notice = a.notices().find((n) => n.text.includes('huge.itrace'));
      console.log(`    1 GiB trace (${written.events.toLocaleString('en-US')} events): opened in ${Date.now() - t0} ms; host RSS peak +${((peakRss - rss0) / 2 ** 20).toFixed(0)} MiB; said: ${notice?.text}`);
      assert.equal(notice?.severity, 'warning');
      assert.match(notice.text, /huge\.itrace: the trace is too large to load whole \(1023 MiB\): loaded its first 1,048,576 of [\d,]+ events \(64 MiB\); the timeline shows that part only/);
      // The host holds the 64 MiB window (and a copy while posting), never the 1 GiB file.
      assert.ok(peakRss - rss0 < 512 * 2 ** 20, `host RSS grew ${(peakRss - rss0) / 2 ** 20} MiB`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
