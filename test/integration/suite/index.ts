/** extensionTestsPath for a trusted workspace: the main suite. */
import { runMocha } from './mocha-run';

export function run(): Promise<void> {
  return runMocha([
    // First: its spies must be in before anything activates the extension.
    'trust.test',
    'activation.test',
    'code-lens.test',
    'editor-types.test',
    'demo-run.test',
    'faults.test',
    'trace-files.test',
    'webview-security.test',
    'explore.test',
    'step-mode.test',
    // Last: the network audit covers everything above.
    'network.test',
  ]);
}
