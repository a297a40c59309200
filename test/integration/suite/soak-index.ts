/** extensionTestsPath for the soak (opt-in: `npm run test:integration:soak`). */
import { runMocha } from './mocha-run';

export function run(): Promise<void> {
  return runMocha(['soak.test']);
}
