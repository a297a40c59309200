import assert from 'node:assert/strict';
import { makeNonce } from './nonce';
import { contentSecurityPolicy, renderWebviewHtml } from './webview-html';

describe('renderWebviewHtml(parts)', () => {
  const nonce = 'abc123+/=';
  const html = renderWebviewHtml({
    cspSource: 'https://x.vscode-cdn.net',
    nonce,
    scriptUri: 'https://x.vscode-cdn.net/media/webview.js?a="b"',
    styleUri: 'https://x.vscode-cdn.net/media/timeline.css',
    title: '<b>race</b>',
  });

  it('has a CSP that denies by default and allows scripts only by nonce', () => {
    const csp = contentSecurityPolicy('https://x.vscode-cdn.net', nonce);
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.match(csp, /img-src https:\/\/x\.vscode-cdn\.net;/, 'images from the extension only (no data:)');
    assert.match(csp, /base-uri 'none'; form-action 'none'$/);
    assert.ok(html.includes('http-equiv="Content-Security-Policy"'));
  });

  it('loads the bundle with the nonce, quotes attributes and escapes the title', () => {
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://x.vscode-cdn.net/media/webview.js?a=&quot;b&quot;"></script>`));
    assert.ok(html.includes('<title>&lt;b&gt;race&lt;/b&gt;</title>'));
  });

  it('every script tag carries the nonce, also in the fallback page', () => {
    const fallback = renderWebviewHtml({ cspSource: 'x', nonce, scriptUri: null, styleUri: null, title: 't' });
    for (const page of [html, fallback]) {
      const tags = page.match(/<script[^>]*>/g) ?? [];
      assert.ok(tags.length > 0);
      for (const tag of tags) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    }
  });
});

describe('makeNonce()', () => {
  it('is 128 random bits in base64, fresh each time', () => {
    const a = makeNonce();
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
    assert.notEqual(a, makeNonce());
  });
});
