import assert from 'node:assert/strict';
import { parseStat } from '../../../src/shared/proc-stat';

describe('parseStat (/proc/<pid>/task/<tid>/stat)', () => {
  const fields = (comm: string) =>
    `4242 (${comm}) S 1 4242 4242 0 -1 4194560 123 0 0 0 5 3 0 0 20 0 9 0 100 1000 200 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 3 0 0 0 0 0`;

  it('reads the CPU (field 39), the state and the thread id', () => {
    assert.deepEqual(parseStat(fields('node')), { cpu: 3, state: 'S'.charCodeAt(0), tid: 4242 });
  });

  it('copes with spaces and parentheses in the thread name', () => {
    assert.equal(parseStat(fields('Worker (a) b'))?.cpu, 3);
  });

  it('answers null for a line that is not a stat line', () => {
    assert.equal(parseStat('garbage'), null);
  });
});
