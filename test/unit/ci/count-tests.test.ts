/**
 * .ci/count-tests, the closing line of .ci/run: it sums every stage's own count (mocha's passing,
 * failing and pending, the in-VS-Code suites' echoed mocha lines, and the UI test's own line),
 * and nothing that only looks like a count.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../run-fixture';

function count(log: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-count-'));
  try {
    const file = join(dir, 'npm-test.log');
    writeFileSync(file, log);
    const out = spawnSync('bash', [join(ROOT, '.ci/count-tests'), file], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    return out.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The shape of `npm test`'s output, one line of each kind that matters. */
const NPM_TEST_LOG = `
> interleave@0.1.0 test:unit
    ✔ matches the final value's shortfall exactly (run 1) (1850ms)
    - a skipped test

  700 passing (4m)
  3 pending
  1 failing

  1) lost updates counted on a real run
       AssertionError: 2 passing was expected

> interleave@0.1.0 test:webview
  80 passing (2m)
  1 pending

> interleave@0.1.0 test:integration
  trust: nothing runs without an explicit user action
    ✔ activation starts no process and opens no connection
  41 passing (1m)
[code-server] trusted: mocha exit 0 in 80.1 s (server + browser + suite)
  7 passing (20s)
[code-server] untrusted: mocha exit 0 in 30.2 s (server + browser + suite)
integration: suites passed 2, failed 0

> interleave@0.1.0 test:integration:vsix
[code-server] ui: ✔ the race demo from the palette (12.3 s)
[code-server] ui: ✘ the Problems panel (3.1 s): no marker
ui-test: checks passed 11, failed 1
`;

describe('.ci/count-tests (the closing line of .ci/run)', () => {
  it('sums mocha passing, failing and pending across stages, and adds the UI test\u2019s own count', () => {
    // 700 + 80 + 41 + 7 mocha + 11 UI checks passed; 1 mocha + 1 UI failed; 3 + 1 pending.
    assert.equal(count(NPM_TEST_LOG), 'pending: 4\n839 passed, 2 failed\n');
  });

  it('counts suite totals ("integration: suites passed 2") and messages ("2 passing was expected") as nothing', () => {
    assert.equal(count('integration: suites passed 2, failed 0\n       AssertionError: 2 passing was expected\n'), 'pending: 0\n0 passed, 0 failed\n');
  });

  it('says 0 of each for a log with no counts (a stage that died before its summary)', () => {
    assert.equal(count('npm ERR! code 1\n'), 'pending: 0\n0 passed, 0 failed\n');
  });
});
