/** Queue against Python's multiprocessing.Queue (docs/api.md, "Semantics": Queue, timeouts). */
import { strict as assert } from 'node:assert';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
  instance?: boolean;
}

describe('Queue with two producers', () => {
  interface Fifo {
    count: number;
    a: number[];
    b: number[];
    emptyAtEnd: boolean;
    switches: number;
  }
  let run: FixtureRun<Fifo>;
  before(async () => {
    run = await runFixture<Fifo>('queue-fifo');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it("[must show] keeps each producer's FIFO order", () => {
    const expected = Array.from({ length: 200 }, (_, i) => i);
    assert.equal(run.result.count, 400);
    assert.deepEqual(run.result.a, expected);
    assert.deepEqual(run.result.b, expected);
    assert.equal(run.result.emptyAtEnd, true);
  });

  it('is counted in the report: puts and gets', () => {
    const q = run.report?.queues.find((x) => x.name === 'jobs');
    assert.deepEqual(q && { puts: q.puts, gets: q.gets }, { puts: 400, gets: 400 }, describeRun(run));
  });
});

describe('Queue items', () => {
  interface Values {
    functionPut: Thrown | null;
    emptyAfterFailedPut: boolean;
    seen: Record<string, unknown>;
    counterAfterChild: number;
    localJobIsJob: boolean;
    localJob: unknown;
    primitives: unknown[];
  }
  let run: FixtureRun<Values>;
  before(async () => {
    run = await runFixture<Values>('queue-values');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('carry any structured-cloneable value across workers', () => {
    const s = run.result.seen;
    assert.equal(s.mapIsMap, true);
    assert.deepEqual(s.map, [['a', 1], ['b', { deep: [1, 2] }]]);
    assert.equal(s.setIsSet, true);
    assert.deepEqual(s.set, [3, 1, 2]);
    assert.equal(s.dateIsDate, true);
    assert.equal(s.date, '2024-02-29T12:00:00.000Z');
    assert.equal(s.big, '12345678901234567890n');
    assert.equal(s.bytesIsUint8, true);
    assert.deepEqual(s.bytes, [1, 2, 255]);
    assert.deepEqual(s.nested, { list: [{ x: 1 }, [2, [3, null]]], text: 'héllo' });
    assert.equal(s.hasUndefinedKey, true);
    assert.equal(s.nan, true);
    assert.deepEqual(run.result.primitives, [1, 'two', true, null]);
  });

  it('arrive as plain objects when they were class instances', () => {
    assert.equal(run.result.seen.jobProtoIsObject, true);
    assert.equal(run.result.seen.jobHasMethod, false);
    assert.deepEqual(run.result.seen.job, { id: 7, tags: ['x', 'y'] });
    assert.equal(run.result.localJobIsJob, false);
    assert.deepEqual(run.result.localJob, { id: 8, tags: [] });
  });

  it('that cannot be cloned (a function) make put() throw, leaving the queue empty and usable', () => {
    assert.match(run.result.functionPut?.message ?? '', /clone/);
    assert.equal(run.result.emptyAfterFailedPut, true);
  });

  it('keep shared objects inside them identical', () => assert.equal(run.result.counterAfterChild, 42));
});

describe('Queue limits', () => {
  interface Limits {
    emptyIsError: boolean;
    fullIsError: boolean;
    fresh: { qsize: number; empty: boolean; full: boolean };
    getNoBlock: Thrown | null;
    getNoBlockMs: number;
    getTimed: Thrown | null;
    getTimedMs: number;
    getNegative: Thrown | null;
    getNegativeMs: number;
    getNowait: Thrown | null;
    filled: { qsize: number; empty: boolean; full: boolean };
    putNoBlock: Thrown | null;
    putNoBlockMs: number;
    putTimed: Thrown | null;
    putTimedMs: number;
    putNegative: Thrown | null;
    putNegativeMs: number;
    putNowait: Thrown | null;
    blockedPutMs: number;
    afterBlockedPut: number[];
    blockedGet: number;
    unboundedState: { qsize: number; full: boolean };
    putAfterClose: Thrown | null;
  }
  let run: FixtureRun<Limits>;
  before(async () => {
    run = await runFixture<Limits>('queue-empty-full');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('Empty and Full are exported Error subclasses', () => {
    assert.equal(run.result.emptyIsError, true);
    assert.equal(run.result.fullIsError, true);
  });

  it('qsize(), empty() and full() follow the contents', () => {
    assert.deepEqual(run.result.fresh, { qsize: 0, empty: true, full: false });
    assert.deepEqual(run.result.filled, { qsize: 2, empty: false, full: true });
    assert.deepEqual(run.result.unboundedState, { qsize: 1000, full: false });
  });

  it('get(false, t) throws Empty at once, ignoring the timeout; getNowait() too', () => {
    assert.equal(run.result.getNoBlock?.instance, true, JSON.stringify(run.result.getNoBlock));
    assert.ok(run.result.getNoBlockMs < 500, `took ${run.result.getNoBlockMs} ms`);
    assert.equal(run.result.getNowait?.instance, true);
  });

  it('get(true, t) throws Empty after the timeout; a negative timeout is 0', () => {
    assert.equal(run.result.getTimed?.instance, true);
    assert.ok(run.result.getTimedMs >= 55 && run.result.getTimedMs < 2000, `took ${run.result.getTimedMs} ms`);
    assert.equal(run.result.getNegative?.instance, true);
    assert.ok(run.result.getNegativeMs < 500, `took ${run.result.getNegativeMs} ms`);
  });

  it('put(x, false, t) throws Full at once, ignoring the timeout; putNowait() too', () => {
    assert.equal(run.result.putNoBlock?.instance, true, JSON.stringify(run.result.putNoBlock));
    assert.ok(run.result.putNoBlockMs < 500, `took ${run.result.putNoBlockMs} ms`);
    assert.equal(run.result.putNowait?.instance, true);
  });

  it('put(x, true, t) throws Full after the timeout; a negative timeout is 0', () => {
    assert.equal(run.result.putTimed?.instance, true);
    assert.ok(run.result.putTimedMs >= 55 && run.result.putTimedMs < 2000, `took ${run.result.putTimedMs} ms`);
    assert.equal(run.result.putNegative?.instance, true);
    assert.ok(run.result.putNegativeMs < 500, `took ${run.result.putNegativeMs} ms`);
  });

  it('a blocked put() wakes when another worker gets, keeping FIFO order', () => {
    assert.ok(run.result.blockedPutMs >= 50, `put on a full queue returned after ${run.result.blockedPutMs} ms`);
    assert.deepEqual(run.result.afterBlockedPut, [2, 3]);
  });

  it('a blocked get() wakes when another worker puts', () => assert.equal(run.result.blockedGet, 7));

  it('close() makes later put() in that worker throw', () => assert.ok(run.result.putAfterClose, 'put after close must throw'));
});

describe('Queue through a small buffer', () => {
  it('delivers items of every size whole and in FIFO order while the buffer wraps and fills', async () => {
    const run = await runFixture<{ corrupt: number; outOfOrder: number; next: Record<string, number>; empty: boolean }>('queue-wraparound');
    assertCleanRun(run);
    assert.deepEqual(run.result, { corrupt: 0, outOfOrder: 0, next: { A: 300, B: 300 }, empty: true });
  });
});
