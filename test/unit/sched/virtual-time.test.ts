/**
 * Sleeps take virtual time under the scheduler, through the real CLI: the seed's lesson as written
 * (100 unlocked increments per worker, a 10 ms sleep before each), which ends at exactly 200 in free
 * runs, loses an update under explore, and its replay neither waits for real clocks nor changes value.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseTrace } from '../../../src/shared/trace-file';
import { fixturePath } from '../run-fixture';
import { cli, explore, resultLine, scratchFile } from './explore-cli';

describe('virtual time: the seed lesson with a 10 ms sleep before each increment', function () {
  this.timeout(180_000);
  it('loses an update under explore, and its replay takes far less than the 1 s each worker sleeps', async () => {
    const found = scratchFile('sleepy.itrace');
    const run = await explore('sched-sleepy-counter', ['--until', 'lost-update', '--runs', '50', '--seed', '1', '--out', found]);
    assert.equal(run.status, 3, run.stdout + run.stderr);
    const replayed = scratchFile('sleepy-replay.itrace');
    const replay = await cli(['run', fixturePath('sched-sleepy-counter'), '--replay', found, '--out', replayed]);
    assert.equal(replay.status, 0, replay.stdout + replay.stderr);
    const result = resultLine(replay.stdout) as { counter: number; expected: number };
    assert.ok(result.counter < result.expected, JSON.stringify(result));
    // 100 sleeps of 10 ms per worker would take at least 1,000 ms of the run's own clock.
    const footer = parseTrace(readFileSync(replayed)).footer;
    assert.ok(footer && footer.durationMs < 1000, `the run took ${footer?.durationMs} ms`);
  });
});
