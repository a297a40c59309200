/**
 * Audits the pages the extension really renders (the timeline panel's and the trace editor's),
 * not only the function that makes them: the Content-Security-Policy and the webview options.
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PageSetup } from '../../../src/extension/timeline-view';
import { EXTENSION_ID, api, waitFor, writeSmallTrace } from './helpers';

function csp(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'no CSP meta tag');
  assert.equal(html.match(/http-equiv="Content-Security-Policy"/g)?.length, 1, 'exactly one CSP');
  const text = m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return new Map(text.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources] as [string, string[]];
  }));
}

function audit(what: string, page: PageSetup): void {
  const policy = csp(page.html);
  const nonce = /<script nonce="([^"]+)"/.exec(page.html)?.[1];
  assert.ok(nonce && nonce.length >= 22, `${what}: no nonce of 128 bits`);
  assert.deepEqual(policy.get('default-src'), [`'none'`], what);
  assert.deepEqual(policy.get('script-src'), [`'nonce-${nonce}'`], `${what}: scripts only by nonce`);
  console.log(`    ${what}: ${[...policy].map(([n, s]) => `${n} ${s.map((x) => (x.startsWith(`'nonce-`) ? `'nonce-…'` : x)).join(' ')}`).join('; ')}`);
  // webview.cspSource: the extension's own resources as this VS Code serves them (e.g.
  // "https://*.vscode-cdn.net", or "'self' https://…" in code-server).
  const own = page.cspSource.split(/\s+/).filter(Boolean);
  for (const [name, sources] of policy) {
    for (const s of sources) {
      if (own.includes(s)) continue;
      assert.ok(!/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|^\*$|^https?:|^data:|^blob:|^filesystem:|^wss?:/.test(s), `${what}: ${name} allows ${s}`);
    }
  }
  assert.deepEqual(policy.get('style-src'), [...own, `'nonce-${nonce}'`], `${what}: styles from the extension only`);
  assert.deepEqual(policy.get('img-src'), own, `${what}: images from the extension only`);
  assert.deepEqual(policy.get('font-src'), own);
  for (const name of ['connect-src', 'frame-src', 'worker-src', 'object-src', 'media-src', 'child-src', 'manifest-src']) {
    assert.equal(policy.get(name), undefined, `${what}: ${name} is left to default-src 'none'`);
  }
  for (const name of ['base-uri', 'form-action']) assert.deepEqual(policy.get(name), [`'none'`], `${what}: ${name}`);
  // Every script tag carries the nonce; no inline handlers.
  for (const tag of page.html.match(/<script\b[^>]*>/g) ?? []) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
  assert.doesNotMatch(page.html, /\son[a-z]+\s*=/i, `${what}: an inline event handler`);
  // Options: scripts on, command links off, local files from media/ only.
  const media = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'media').toString();
  assert.equal(page.enableScripts, true);
  assert.equal(page.enableCommandUris, false, `${what}: command: links are off`);
  assert.deepEqual(page.localResourceRoots, [media], `${what}: localResourceRoots`);
}

describe('webview security', () => {
  it('the timeline panel: CSP denies by default, scripts by nonce only; media/ is the only local root', async function () {
    this.timeout(60_000);
    const a = await api();
    if (!a.panelPage()) await vscode.commands.executeCommand('interleave.runDemo', 'race-locked');
    audit('timeline panel', (await waitFor('the panel', () => a.panelPage()))!);
  });

  it('the trace editor: the same policy', async () => {
    const a = await api();
    const trace = writeSmallTrace(path.join(os.tmpdir(), `interleave-csp-${process.pid}.itrace`));
    await vscode.commands.executeCommand('interleave.openTrace', trace);
    const editor = await waitFor('the trace editor', () => a.traceEditors().find((e) => e.uri === vscode.Uri.file(trace).toString()));
    audit('trace editor', editor.page);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
