import assert from 'node:assert/strict';
import { findCycle } from '../../../src/runner/deadlock-detector';
import type { DeadlockEdge } from '../../../src/shared/trace-file';

const edge = (waiter: number, holder: number, object = 100 + waiter): [number, DeadlockEdge] => [waiter, { waiter, object, holder }];

describe('findCycle (wait-for graph)', () => {
  it('finds a two-process lock cycle', () => {
    const cycle = findCycle(new Map([edge(1, 2), edge(2, 1)]));
    assert.deepEqual(cycle?.map((e) => e.waiter).sort(), [1, 2]);
  });

  it('finds a cycle reached through a chain (main joins a deadlocked worker)', () => {
    const cycle = findCycle(new Map([edge(0, 1), edge(1, 2), edge(2, 3), edge(3, 1)]));
    assert.deepEqual(cycle?.map((e) => e.waiter).sort(), [1, 2, 3]);
  });

  it('reports no cycle for a chain that ends', () => {
    assert.equal(findCycle(new Map([edge(0, 1), edge(1, 2)])), null);
  });
});
