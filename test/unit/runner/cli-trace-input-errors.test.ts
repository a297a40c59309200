/**
 * Through the real CLI: a file that is not a trace, or no file at all, is refused by report and by
 * both exports alike: one line on stderr that names the problem, exit 1, and no output file.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-fixture';

describe('interleave report and export of a file that is not a readable trace', () => {
  let dir: string;
  let notATrace: string;
  let missing: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'interleave-cli-input-'));
    notATrace = join(dir, 'notes.itrace');
    writeFileSync(notATrace, 'this is not a trace\n');
    missing = join(dir, 'missing.itrace');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function assertRefused(args: string[], line: RegExp, output?: string): void {
    const out = runCli(args);
    const said = `${args.join(' ')} → exit ${out.status}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`;
    assert.equal(out.status, 1, said);
    assert.equal(out.stdout, '', said);
    assert.match(out.stderr, /^interleave: [^\n]+\n$/, `one line on stderr: ${said}`);
    assert.match(out.stderr, line, said);
    assert.doesNotMatch(out.stderr, /ENOENT|EISDIR|\bat \S+:\d+/, `no raw system error or stack: ${said}`);
    if (output) assert.equal(existsSync(output), false, `${output} was written: ${said}`);
  }

  for (const format of ['html', 'chrome']) {
    it(`export --format ${format} of a file that is not a trace: refused, exit 1, nothing written`, () => {
      const out = join(dir, `not-a-trace.${format}`);
      assertRefused(['export', notATrace, '--format', format, '-o', out], /not an Interleave trace/, out);
    });

    it(`export --format ${format} of a missing file: "no such trace file", exit 1, nothing written`, () => {
      const out = join(dir, `missing.${format}`);
      assertRefused(['export', missing, '--format', format, '-o', out], /^interleave: no such trace file: .*missing\.itrace\n$/, out);
    });
  }

  it('report of a missing file: "no such trace file", exit 1', () => {
    assertRefused(['report', missing], /^interleave: no such trace file: .*missing\.itrace\n$/);
    assertRefused(['report', missing, '--json'], /^interleave: no such trace file: .*missing\.itrace\n$/);
  });

  it('report of a folder: "is a folder, not a trace file", exit 1', () => {
    assertRefused(['report', dir], /is a folder, not a trace file/);
  });

  it('report of a file that is not a trace: refused as the exports refuse it', () => {
    assertRefused(['report', notATrace], /not an Interleave trace/);
  });
});
