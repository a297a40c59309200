/** RLock against Python's multiprocessing.RLock: reentrant, owned, over-release throws. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
}

describe('RLock', () => {
  interface RLockResult {
    neverAcquired: Thrown | null;
    nested: boolean[];
    otherSees: { acquire: boolean; release: Thrown | null };
    overRelease: Thrown | null;
    freeForOthers: boolean;
    withLock: string;
  }
  let run: FixtureRun<RLockResult>;
  before(async () => {
    run = await runFixture<RLockResult>('rlock');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('is reentrant: its owner acquires it again, blocking or not', () => {
    assert.deepEqual(run.result.nested, [true, true, true]);
    assert.equal(run.result.withLock, 'inner');
  });

  it('stays held by its owner until released as many times as acquired', () => {
    assert.equal(run.result.otherSees.acquire, false);
    assert.equal(run.result.freeForOthers, true);
  });

  it('can only be released by its owner', () => {
    assert.ok(run.result.otherSees.release, 'release() by another worker must throw');
  });

  it('throws when released more times than acquired, or never acquired', () => {
    assert.ok(run.result.overRelease, 'over-release must throw');
    assert.ok(run.result.neverAcquired, 'release() of a free RLock must throw');
  });
});
