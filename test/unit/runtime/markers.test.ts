/** mark() and span(): the user's own annotations on a lane. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, runFixture } from '../run-fixture';

describe('mark() and span()', () => {
  it("span(label, fn) returns fn's result, rethrows what fn threw, and settles with an async fn", async () => {
    const run = await runFixture<{ value: number; error: { name: string; message: string }; awaited: string }>('markers');
    assertCleanRun(run);
    assert.deepEqual(run.result, { value: 42, error: { name: 'Error', message: 'inside span' }, awaited: 'settled' });
  });
});
