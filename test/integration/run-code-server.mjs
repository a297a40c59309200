#!/usr/bin/env node
/**
 * Runs the in-VS-Code suite (and the UI test) inside a real VS Code on a machine without internet:
 * code-server, driven by Debian's chromium through playwright-core. Every fact this relies on is
 * in shared/notes/real-vscode.md; the install is .ci/install-code-server.sh (cached outside the
 * repo). Build first: `node build.mjs && node test/integration/build.mjs`.
 *
 *   node test/integration/run-code-server.mjs            trusted suite, then the untrusted one
 *                                                        (then the soak, only when INTERLEAVE_SOAK=1 is set)
 *   node test/integration/run-code-server.mjs --suite trusted|untrusted|soak
 *   node test/integration/run-code-server.mjs --ui [--vsix FILE] [--readme-screenshots]
 *                                                        the new-user UI test (on the VSIX if given)
 *
 * Each suite gets a fresh server (extension hosts of closed tabs linger otherwise), started as
 * its own process group and killed as a group at the end. Logs and screenshots: test-results/.
 */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './harness/browser.mjs';
import { installCodeServer, RESULTS, remoteUri, ROOT, say, startServer, workbenchUrl } from './harness/code-server.mjs';
import { isSuiteOutput } from './harness/suite-output.mjs';
import { pressTrust, TRUST_PRESSER_ENV, TRUST_REQUEST } from './harness/trust-presser.mjs';
import { runUiTest } from './ui-test.mjs';

const argv = process.argv.slice(2);
const arg = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SUITE_TIMEOUT_MS = Number(process.env.INTERLEAVE_SUITE_TIMEOUT_MS || 300_000);
/**
 * The soak (100 runs in one extension host, about 70 s) runs only when asked for: --suite soak
 * (`npm run test:integration:soak`) or INTERLEAVE_SOAK=1. `npm test`, and so .ci/run, does not.
 */
const SOAK_IN_ALL = process.env.INTERLEAVE_SOAK === '1';

const SUITES = [
  { name: 'trusted', entry: 'index.js', trust: true },
  // Workspace trust left on and the folder never trusted: Restricted Mode.
  { name: 'untrusted', entry: 'untrusted-index.js', trust: false },
  // 100 back-to-back runs in one extension host: only when asked for (--suite soak).
  { name: 'soak', entry: 'soak-index.js', trust: true, optIn: true },
];

/** Runs one extensionTestsPath entry in a fresh server; resolves to mocha's exit code. */
async function runSuite(cs, { name, entry, trust }) {
  // An untrusted suite is told that this launcher will press Trust when it asks (see pressTrust).
  const server = await startServer(cs, { trust, name, extraEnv: trust ? {} : { [TRUST_PRESSER_ENV]: '1' } });
  const browser = await launchBrowser(name);
  const logFile = createWriteStream(join(RESULTS, `suite-${name}.log`));
  const started = Date.now();
  try {
    const { page } = browser;
    let settle;
    const exited = new Promise((r) => (settle = r));
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      logFile.write(`${type}: ${text}\n`);
      if (isSuiteOutput(text)) console.log(text);
      if (!trust && text.includes(TRUST_REQUEST)) {
        pressTrust(page).catch((error) => say(`${name}: could not press Trust: ${error instanceof Error ? error.message : error}`));
      }
    });
    await page.goto(
      workbenchUrl(server, [
        ['extensionDevelopmentPath', remoteUri(server, ROOT)],
        ['extensionTestsPath', remoteUri(server, join(ROOT, 'out', 'test', 'integration', 'suite', entry))],
        ['skipWelcome', 'true'],
      ]),
    );
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS))]);
    if (code === 'timeout') {
      await page.screenshot({ path: join(RESULTS, `suite-${name}-timeout.png`) }).catch(() => undefined);
      say(`${name}: no result after ${SUITE_TIMEOUT_MS} ms (log: test-results/suite-${name}.log)`);
      return 1;
    }
    say(`${name}: mocha exit ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s (server + browser + suite)`);
    return code;
  } finally {
    logFile.end();
    await browser.close();
    server.stop();
  }
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node build.mjs` first');
  const cs = installCodeServer();
  if (argv.includes('--ui')) return runUiTest(cs, { vsix: arg('--vsix'), readmeScreenshots: argv.includes('--readme-screenshots') });
  if (!existsSync(join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js'))) throw new Error('run `node test/integration/build.mjs` first');
  const which = arg('--suite') ?? 'all';
  let passed = 0;
  let failed = 0;
  for (const suite of SUITES) {
    if (which === 'all' ? suite.optIn && !SOAK_IN_ALL : which !== suite.name) continue;
    if ((await runSuite(cs, suite)) === 0) passed++;
    else failed++;
  }
  console.log(`integration: suites passed ${passed}, failed ${failed}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
