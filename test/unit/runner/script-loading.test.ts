/** The runner loads TypeScript, CommonJS and ES-module scripts, resolving 'interleave' itself. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, runFixture } from '../run-fixture';

describe('script loading', () => {
  it("runs a CommonJS .js script that requires 'interleave' and a local module", async () => {
    const run = await runFixture<{ value: number; exitCode: number; module: string }>('loader-cjs.js');
    assertCleanRun(run);
    assert.deepEqual(run.result, { value: 11, exitCode: 0, module: 'object' });
  });

  it("runs an ES-module .mjs script that imports 'interleave' and a local module, with exported targets", async () => {
    const run = await runFixture<{ value: number; exitCode: number; esm: boolean }>('loader-esm.mjs');
    assertCleanRun(run);
    assert.deepEqual(run.result, { value: 42, exitCode: 0, esm: true });
  });
});
