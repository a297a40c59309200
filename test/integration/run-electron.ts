/**
 * Launcher for machines that can download VS Code (a developer's laptop, a public CI): runs the
 * same suite as run-code-server.mjs, in desktop VS Code, via @vscode/test-electron. Here, without
 * internet, use run-code-server.mjs instead. Bundled to out/test/integration/run-electron.js.
 *   node out/test/integration/run-electron.js [--untrusted]
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const workspace = path.join(root, 'test', 'integration', 'fixtures', 'workspace');
  const suites = process.argv.includes('--untrusted') ? ['untrusted'] : ['trusted', 'untrusted'];
  for (const suite of suites) {
    const untrusted = suite === 'untrusted';
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'suite', untrusted ? 'untrusted-index.js' : 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        ...(untrusted ? [] : ['--disable-workspace-trust']),
      ],
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
