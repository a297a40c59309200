/**
 * The last file of the suite: over everything the suite did (activation, code lenses, demo runs,
 * faults, Stop, a killed runner, opening and exporting traces), the extension opened no network
 * connection of any kind. The spies prove they were watching by what they did see: the runs.
 */
import * as assert from 'node:assert/strict';
import { networkCalls, processStarts } from './spies';

describe('network', () => {
  it('the extension opened no network connection in the whole suite', () => {
    const starts = processStarts();
    console.log(`    network audit: ${networkCalls().length} network calls; ${starts.length} processes started (${[...new Set(starts.map((c) => c.args[0]))].join(', ')})`);
    assert.ok(starts.some((c) => c.args[0] === 'run'), 'the spies saw no run at all: they were not watching');
    assert.deepEqual(networkCalls(), []);
  });
});
