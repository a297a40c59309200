/** extensionTestsPath for an untrusted workspace (launched with workspace trust on). */
import { runMocha } from './mocha-run';

export function run(): Promise<void> {
  return runMocha(['untrusted.test']);
}
