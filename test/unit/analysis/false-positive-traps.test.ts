/**
 * Race-free programs that naive detectors flag: data published through a Queue, a join, a
 * Barrier, an Event, a Condition or a Lock. Each must report no race, in any file order.
 */
import { strict as assert } from 'node:assert';
import { TraceBuilder } from './trace-builder';
import type { FileOrder } from './trace-builder';
import { analyze, findingsOf } from './helpers';

const orders: FileOrder[] = ['time', 'by-thread', 'reversed-chunks'];

function noRaces(build: () => TraceBuilder): void {
  for (const order of orders) {
    const report = analyze(build(), order);
    assert.deepEqual(findingsOf(report, 'data-race'), [], `file order ${order}`);
    assert.deepEqual(findingsOf(report, 'lost-update'), [], `file order ${order}`);
  }
}

describe('analysis: false-positive traps report no race', () => {
  it('an array filled by a producer and published through a Queue', () => {
    noRaces(() => {
      const b = new TraceBuilder();
      const arr = b.array('results', 3);
      const q = b.queue('Q');
      b.begin(0).spawn(0, 1).spawn(0, 2);
      for (let i = 0; i < 3; i++) b.write(1, arr, i, i * i);
      b.put(1, q);
      b.get(2, q);
      for (let i = 0; i < 3; i++) b.read(2, arr, i);
      for (let i = 0; i < 3; i++) b.write(2, arr, i, 0);
      return b;
    });
  });

  it('workers write their own slots, main reads them all after join()', () => {
    noRaces(() => {
      const b = new TraceBuilder();
      const arr = b.array('squares', 4);
      b.begin(0);
      for (let p = 1; p <= 4; p++) b.spawn(0, p);
      for (let p = 1; p <= 4; p++) b.write(p, arr, p - 1, p * p);
      for (let p = 1; p <= 4; p++) b.exit(p);
      for (let p = 1; p <= 4; p++) b.joined(0, p);
      for (let i = 0; i < 4; i++) b.read(0, arr, i);
      return b;
    });
  });

  it('phases separated by a Barrier: each worker reads what the others wrote in the phase before', () => {
    noRaces(() => {
      const b = new TraceBuilder();
      const arr = b.array('grid', 3);
      const bar = b.barrier('phase', 3);
      b.begin(0);
      for (let p = 1; p <= 3; p++) b.spawn(0, p);
      for (let p = 1; p <= 3; p++) b.write(p, arr, p - 1, p);
      for (let p = 1; p <= 3; p++) b.arrive(p, bar, 3);
      for (let p = 3; p >= 1; p--) b.leave(p, bar);
      for (let p = 1; p <= 3; p++) b.read(p, arr, p % 3);
      for (let p = 1; p <= 3; p++) b.arrive(p, bar, 3);
      for (let p = 1; p <= 3; p++) b.leave(p, bar);
      for (let p = 1; p <= 3; p++) b.write(p, arr, p % 3, 0);
      return b;
    });
  });

  it('a flag set with an Event after the data is written', () => {
    noRaces(() => {
      const b = new TraceBuilder();
      const v = b.value('config');
      const e = b.event('ready');
      b.begin(0).spawn(0, 1).spawn(0, 2).spawn(0, 3);
      b.write(1, v, 0, 42);
      b.set(1, e);
      b.waited(2, e);
      b.read(2, v);
      b.waited(3, e);
      b.read(3, v);
      return b;
    });
  });

  it('a producer/consumer hand-off through a Condition and its lock', () => {
    noRaces(() => {
      const b = new TraceBuilder();
      const v = b.value('slot');
      const l = b.rlock('cond-lock');
      const c = b.condition('ready');
      b.begin(0).spawn(0, 1).spawn(0, 2);
      // consumer waits: takes the lock, wait() releases it
      b.acquire(2, l); b.release(2, l);
      // producer writes under the lock and notifies
      b.acquire(1, l); b.write(1, v, 0, 7); b.notify(1, c); b.release(1, l);
      // consumer wakes, retakes the lock, reads
      b.acquire(2, l); b.woken(2, c); b.read(2, v); b.release(2, l);
      return b;
    });
  });

  it('a counter incremented under a Lock by two workers', () => {
    noRaces(() => {
      const b = new TraceBuilder();
      const v = b.value('counter');
      const l = b.lock('L');
      b.begin(0).spawn(0, 1).spawn(0, 2);
      for (let i = 0; i < 20; i++) {
        const p = i % 2 === 0 ? 1 : 2;
        b.acquire(p, l);
        b.read(p, v);
        b.write(p, v, 0, b.valueOf(v) + 1);
        b.release(p, l);
      }
      b.exit(1).exit(2).joined(0, 1).joined(0, 2);
      b.read(0, v);
      return b;
    });
  });
});
