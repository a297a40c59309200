// Bundles the in-VS-Code suite and the test-electron launcher into out/test/integration/.
// `vscode` is provided by the extension host; mocha and @vscode/test-electron load from node_modules.
// Type checking is separate: npx tsc -p test/integration
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suite = join(here, 'suite');
const entryPoints = [
  join(here, 'run-electron.ts'),
  ...readdirSync(suite).filter((f) => f.endsWith('.ts')).map((f) => join(suite, f)),
];
await esbuild.build({
  entryPoints,
  outbase: here,
  outdir: join(here, '..', '..', 'out', 'test', 'integration'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
