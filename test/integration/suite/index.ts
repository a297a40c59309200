/** extensionTestsPath for a trusted workspace: the main suite. */
import { runMocha } from './mocha-run';

export function run(): Promise<void> {
  return runMocha(['activation.test', 'code-lens.test', 'demo-run.test', 'trace-files.test']);
}
