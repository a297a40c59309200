/**
 * Through the real CLI: `interleave run` writes the HTML timeline as well as the trace, as
 * `npm start` does. By default it goes next to the trace (same name, `.html`) and the summary
 * prints where; `--html FILE` puts it elsewhere; `--no-html` writes none.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, runCli } from '../run-fixture';

/** The trace embedded in a timeline page (export-html.ts), as bytes. */
function embeddedTrace(htmlPath: string): Buffer {
  const match = /<script type="application\/octet-stream" id="interleave-trace"[^>]*>([A-Za-z0-9+/=]*)<\/script>/.exec(readFileSync(htmlPath, 'utf8'));
  assert.ok(match, `${htmlPath} embeds no trace`);
  return Buffer.from(match[1]!, 'base64');
}

describe('interleave run writes the HTML timeline', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'interleave-run-html-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('by default next to the trace, holding that trace, and the summary says where', () => {
    const trace = join(dir, 'default.itrace');
    const out = runCli(['run', fixturePath('counter-locked'), '--out', trace]);
    assert.equal(out.status, 0, out.stderr);
    const html = join(dir, 'default.html');
    assert.ok(existsSync(html), `no ${html}\n${out.stdout}`);
    assert.deepEqual(embeddedTrace(html), readFileSync(trace));
    assert.match(out.stdout, new RegExp(`\\n   trace: ${trace}\\n   timeline: ${html}\\n$`));
  });

  it('at --html FILE, making its folder', () => {
    const trace = join(dir, 'chosen.itrace');
    const html = join(dir, 'pages', 'timeline.html');
    const out = runCli(['run', fixturePath('counter-locked'), '--out', trace, '--html', html]);
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(embeddedTrace(html), readFileSync(trace));
    assert.equal(existsSync(join(dir, 'chosen.html')), false, 'also written next to the trace');
    assert.match(out.stdout, new RegExp(`   timeline: ${html}\\n$`));
  });

  it('not at all with --no-html', () => {
    const trace = join(dir, 'none.itrace');
    const out = runCli(['run', fixturePath('counter-locked'), '--out', trace, '--no-html']);
    assert.equal(out.status, 0, out.stderr);
    assert.ok(existsSync(trace));
    assert.equal(existsSync(join(dir, 'none.html')), false);
    assert.doesNotMatch(out.stdout, /timeline:/);
  });

  it('keeps the program\u2019s exit status: a failing program still gets its timeline and exits 1', () => {
    const trace = join(dir, 'failing.itrace');
    const out = runCli(['run', fixturePath('fault-worker-throws'), '--out', trace]);
    assert.equal(out.status, 1, out.stdout + out.stderr);
    assert.deepEqual(embeddedTrace(join(dir, 'failing.html')), readFileSync(trace));
  });

  it('refuses --html with --no-html as a usage error, and its help names both', () => {
    const both = runCli(['run', fixturePath('counter-locked'), '--html', join(dir, 'x.html'), '--no-html']);
    assert.ok(both.status !== null && both.status >= 64, `exit ${both.status}: ${both.stderr}`);
    const help = runCli(['--help']);
    assert.match(help.stdout, /--html FILE \| --no-html/);
    assert.match(help.stdout, /HTML timeline \(--html, or next to the trace\)/);
  });
});
