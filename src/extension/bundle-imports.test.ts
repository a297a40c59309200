/**
 * A static backstop for the behavioural network audit (test/integration/suite/network.test.ts):
 * the extension-host bundle loads no networking module and calls no fetch/WebSocket, so even a
 * code path the suite does not reach cannot open a connection.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const BUNDLE = path.join(__dirname, '..', '..', 'dist', 'extension.js');
const ALLOWED = ['node:child_process', 'node:crypto', 'node:fs', 'node:fs/promises', 'node:os', 'node:path', 'vscode'];

describe('dist/extension.js (the extension host bundle)', () => {
  it('requires only the modules it needs, none of them for networking', function () {
    if (!existsSync(BUNDLE)) this.skip();
    const text = readFileSync(BUNDLE, 'utf8');
    const required = [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
    assert.deepEqual(required.filter((m) => !ALLOWED.includes(m)), [], `unexpected modules: ${required.join(', ')}`);
    assert.doesNotMatch(text, /\b(fetch|WebSocket|XMLHttpRequest|EventSource)\s*\(/);
    assert.doesNotMatch(text, /\bimport\(/, 'no dynamic import');
  });
});
