/**
 * One test per happens-before edge kind: a write published through the edge is not a race with a
 * read on the other side, and the same two accesses without the edge are.
 */
import { strict as assert } from 'node:assert';
import { BlockReason, TraceBuilder } from './trace-builder';
import { analyze, findingsOf } from './helpers';

/** main (0) spawns workers 1 and 2 before anything else, so their accesses start unordered. */
function twoWorkers(): { b: TraceBuilder; x: number } {
  const b = new TraceBuilder();
  const x = b.value('x');
  b.begin(0);
  b.spawn(0, 1).spawn(0, 2);
  return { b, x };
}

function racesIn(b: TraceBuilder): number {
  return findingsOf(analyze(b), 'data-race').length;
}

describe('analysis: happens-before edges', () => {
  it('the unsynchronised control: a write in one worker and a read in another race', () => {
    const { b, x } = twoWorkers();
    b.write(1, x, 0, 1);
    b.read(2, x);
    assert.equal(racesIn(b), 1);
  });

  it('PROC_START → PROC_BEGIN: a write before start() is seen by the child', () => {
    const b = new TraceBuilder();
    const x = b.value('x');
    b.begin(0);
    b.write(0, x, 0, 1);
    b.spawn(0, 1);
    b.read(1, x);
    assert.equal(racesIn(b), 0);
  });

  it('PROC_START → PROC_BEGIN: a write after start() races with the child', () => {
    const b = new TraceBuilder();
    const x = b.value('x');
    b.begin(0);
    b.spawn(0, 1);
    b.write(0, x, 0, 1);
    b.read(1, x);
    assert.equal(racesIn(b), 1);
  });

  it('PROC_EXIT → PROC_JOINED: a child\'s write is seen after join()', () => {
    const { b, x } = twoWorkers();
    b.write(1, x, 0, 1);
    b.exit(1);
    b.joined(0, 1);
    b.read(0, x);
    assert.equal(racesIn(b), 0);
  });

  it('PROC_JOINED that timed out (a = 0) orders nothing', () => {
    const { b, x } = twoWorkers();
    b.write(1, x, 0, 1);
    b.exit(1);
    b.emit(13, 0, 1, 0);
    b.read(0, x);
    assert.equal(racesIn(b), 1);
  });

  for (const kind of ['lock', 'rlock'] as const) {
    it(`LOCK_RELEASED → LOCK_ACQUIRED (${kind}): the next holder sees the previous holder's writes`, () => {
      const { b, x } = twoWorkers();
      const l = kind === 'lock' ? b.lock('L') : b.rlock('L');
      b.acquire(1, l); b.write(1, x, 0, 1); b.release(1, l);
      b.acquire(2, l); b.read(2, x); b.release(2, l);
      assert.equal(racesIn(b), 0);
    });
  }

  for (const bounded of [false, true]) {
    it(`LOCK_RELEASED → LOCK_ACQUIRED (${bounded ? 'BoundedSemaphore' : 'Semaphore'}): an acquire joins the releases before it`, () => {
      const { b, x } = twoWorkers();
      const s = b.semaphore('S', 0, bounded);
      b.write(1, x, 0, 1);
      b.release(1, s);
      b.acquire(2, s);
      b.read(2, x);
      assert.equal(racesIn(b), 0);
    });
  }

  it('a Semaphore acquire does not join a release made after it', () => {
    const { b, x } = twoWorkers();
    const s = b.semaphore('S', 1);
    b.acquire(2, s);
    b.write(1, x, 0, 1);
    b.release(1, s);
    b.read(2, x);
    assert.equal(racesIn(b), 1);
  });

  it('COND_NOTIFY → COND_WOKEN: the woken waiter sees the notifier\'s writes', () => {
    const { b, x } = twoWorkers();
    const c = b.condition('C');
    b.write(1, x, 0, 1);
    b.notify(1, c);
    b.woken(2, c);
    b.read(2, x);
    assert.equal(racesIn(b), 0);
  });

  it('a Condition wait that timed out (a = -1) orders nothing', () => {
    const { b, x } = twoWorkers();
    const c = b.condition('C');
    b.write(1, x, 0, 1);
    b.notify(1, c);
    b.woken(2, c, true);
    b.read(2, x);
    assert.equal(racesIn(b), 1);
  });

  it('EVENT_SET → EVENT_WAITED: a wait that returned true sees the setter\'s writes', () => {
    const { b, x } = twoWorkers();
    const e = b.event('E');
    b.write(1, x, 0, 1);
    b.set(1, e);
    b.waited(2, e);
    b.read(2, x);
    assert.equal(racesIn(b), 0);
  });

  it('an Event wait that returned false orders nothing', () => {
    const { b, x } = twoWorkers();
    const e = b.event('E');
    b.waited(2, e);
    b.write(1, x, 0, 1);
    b.set(1, e);
    b.read(2, x);
    assert.equal(racesIn(b), 1);
  });

  it('BARRIER_ARRIVE (all parties) → BARRIER_LEAVE: every party sees every write made before arriving', () => {
    const { b, x } = twoWorkers();
    const y = b.value('y');
    const bar = b.barrier('B', 2);
    b.write(1, x, 0, 1);
    b.arrive(1, bar, 2);
    b.write(2, y, 0, 1);
    b.arrive(2, bar, 2);
    b.leave(2, bar);
    b.leave(1, bar);
    b.read(2, x);
    b.read(1, y);
    assert.equal(racesIn(b), 0);
  });

  it('a broken Barrier (leave b = 0) orders nothing', () => {
    const { b, x } = twoWorkers();
    const bar = b.barrier('B', 2);
    b.write(1, x, 0, 1);
    b.arrive(1, bar, 2);
    b.leave(1, bar, false);
    b.arrive(2, bar, 2);
    b.leave(2, bar, false);
    b.read(2, x);
    assert.equal(racesIn(b), 1);
  });

  it('QUEUE_PUT(n) → QUEUE_GET(n): the consumer sees what the producer wrote before put()', () => {
    const { b, x } = twoWorkers();
    const q = b.queue('Q');
    b.write(1, x, 0, 1);
    b.put(1, q);
    b.get(2, q);
    b.read(2, x);
    assert.equal(racesIn(b), 0);
  });

  it('QUEUE_GET receives only its own item: an earlier item does not order a later write', () => {
    const { b, x } = twoWorkers();
    const q = b.queue('Q');
    b.put(1, q);
    b.write(1, x, 0, 1);
    b.put(1, q);
    b.get(2, q, -1, 1);
    b.read(2, x);
    assert.equal(racesIn(b), 1);
  });

  it('a get recorded before its put (the put is recorded once the item is queued) still receives the put\'s clock', () => {
    const { b, x } = twoWorkers();
    const q = b.queue('Q');
    b.at(100).write(1, x, 0, 1);
    b.at(103).put(1, q);
    b.at(102).get(2, q);
    b.at(104).read(2, x);
    assert.equal(racesIn(b), 0);
  });

  it('TASK_SUBMIT → TASK_START and TASK_END → TASK_RESULT: a task sees its inputs and the caller its result', () => {
    const { b, x } = twoWorkers();
    const y = b.value('y');
    const pool = b.pool('P');
    b.write(0, x, 0, 1);
    const id = b.submit(0, pool);
    b.taskStart(1, pool, id);
    b.read(1, x);
    b.write(1, y, 0, 2);
    b.taskEnd(1, pool, id);
    b.taskResult(0, pool, id);
    b.read(0, y);
    assert.equal(racesIn(b), 0);
  });

  it('happens-before is transitive across edge kinds (lock, then queue, then join)', () => {
    const { b, x } = twoWorkers();
    const l = b.lock('L');
    const q = b.queue('Q');
    b.spawn(0, 3);
    b.acquire(1, l); b.write(1, x, 0, 1); b.release(1, l);
    b.acquire(2, l); b.release(2, l); b.put(2, q);
    b.get(3, q); b.exit(3);
    b.joined(0, 3);
    b.read(0, x);
    b.block(0, 3, BlockReason.JOIN);
    assert.equal(racesIn(b), 0);
  });
});
