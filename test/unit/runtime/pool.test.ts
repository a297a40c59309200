/** Pool against Python's multiprocessing.Pool. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { EventKind, RECORD_SLOTS } from '../../../src/shared/events';
import { parseTrace } from '../../../src/shared/trace-file';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
  instance?: boolean;
}

describe('Pool', () => {
  interface PoolResult {
    processes: number;
    defaultProcesses: number;
    cpuCount: number;
    mapOk: boolean;
    mappedHead: number[];
    mapChunk7: number[];
    mapIterable: number[];
    mapEmpty: number[];
    starmap: number[];
    apply: number;
    imap: number[];
    unordered: number[];
    asyncTask: string[];
    workerNames: string[];
    sharedInTasks: number;
  }
  let run: FixtureRun<PoolResult>;
  before(async () => {
    run = await runFixture<PoolResult>('pool-map');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('[must show] map() returns results in order', () => {
    assert.equal(run.result.mapOk, true);
    assert.deepEqual(run.result.mappedHead, [0, 1, 4, 9, 16, 25]);
    assert.deepEqual(run.result.mapChunk7, [47 * 47, 48 * 48, 49 * 49]);
    assert.deepEqual(run.result.mapIterable, [9, 1, 4]);
    assert.deepEqual(run.result.mapEmpty, []);
  });

  it('starmap() spreads each item as arguments; apply() runs one call', () => {
    assert.deepEqual(run.result.starmap, [3, 7, 11]);
    assert.equal(run.result.apply, 42);
  });

  it('imap() yields in order; imapUnordered() yields every result', () => {
    assert.deepEqual(run.result.imap, [25, 16, 9, 4, 1]);
    assert.deepEqual(run.result.unordered, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
  });

  it('passes shared objects to tasks as the same memory', () => assert.equal(run.result.sharedInTasks, 6));

  it('awaits a task that returns a Promise', () => assert.deepEqual(run.result.asyncTask, ['v1', 'v2', 'v3']));

  it('has processes = cpuCount() by default', () => {
    assert.equal(run.result.processes, 2);
    assert.equal(run.result.defaultProcesses, run.result.cpuCount);
  });

  it('runs tasks in its own workers', () => {
    assert.ok(run.result.workerNames.length >= 1);
    for (const name of run.result.workerNames) assert.notEqual(name, 'MainProcess');
  });
});

describe('Pool async methods', () => {
  interface AsyncResult {
    isPromise: boolean;
    mapped: number[];
    applied: number;
    starred: number[];
    rejected: Thrown | null;
    afterRejection: number[];
  }
  let run: FixtureRun<AsyncResult>;
  before(async () => {
    run = await runFixture<AsyncResult>('pool-async');
  });

  it('runs to a clean end under an async main', () => assertCleanRun(run));

  it('mapAsync / applyAsync / starmapAsync resolve to the results in order', () => {
    assert.equal(run.result.isPromise, true);
    assert.deepEqual(run.result.mapped, [1, 8, 27, 64]);
    assert.equal(run.result.applied, 5);
    assert.deepEqual(run.result.starred, [2, 4]);
  });

  it("reject with the task's error, and the pool keeps working", () => {
    assert.deepEqual(run.result.rejected, { name: 'Error', message: 'async task failed' });
    assert.deepEqual(run.result.afterRejection, [125]);
  });
});

describe('Pool task errors', () => {
  interface Errors {
    mapError: Thrown | null;
    mapStackHasMessage: boolean;
    mapStackHasFixture: boolean;
    afterError: number[];
    applyError: Thrown | null;
    starmapError: Thrown | null;
    imapSeen: number[];
    imapError: Thrown | null;
    stillWorks: number;
    zero: Thrown | null;
    negative: Thrown | null;
    fractional: Thrown | null;
  }
  let run: FixtureRun<Errors>;
  before(async () => {
    run = await runFixture<Errors>('pool-errors');
  });

  it('reach the caller of map/apply/starmap with their name and message', () => {
    for (const e of [run.result.mapError, run.result.applyError, run.result.starmapError]) {
      assert.deepEqual(e, { name: 'RangeError', message: 'bad item 3' });
    }
  });

  it("carry the task's stack", () => {
    assert.equal(run.result.mapStackHasMessage, true);
    assert.equal(run.result.mapStackHasFixture, true);
  });

  it("reach imap() at the failing item's position", () => {
    assert.deepEqual(run.result.imapSeen, [0, 10, 20]);
    assert.deepEqual(run.result.imapError, { name: 'RangeError', message: 'bad item 3' });
  });

  it('leave the pool working', () => {
    assert.deepEqual(run.result.afterError, [10, 20, 40]);
    assert.equal(run.result.stillWorks, 70);
  });

  it('are not a failure of the run: exit 0, no worker-error', () => assertCleanRun(run));

  it('Pool(processes < 1 or not an integer) throws', () => {
    assert.equal(run.result.zero?.instance, true);
    assert.equal(run.result.negative?.instance, true);
    assert.equal(run.result.fractional?.instance, true);
  });
});

describe('Pool close/join/terminate', () => {
  interface Lifecycle {
    joinWhileRunning: Thrown | null;
    before: number[];
    queued: number[];
    mapAfterClose: Thrown | null;
    applyAfterClose: Thrown | null;
    joinMs: number;
    terminatedJoinMs: number;
    mapAfterTerminate: Thrown | null;
  }
  let run: FixtureRun<Lifecycle>;
  before(async () => {
    run = await runFixture<Lifecycle>('pool-lifecycle');
  });

  it('runs to a clean end (terminate() is not a failure)', () => assertCleanRun(run));

  it('join() before close() or terminate() throws', () => assert.ok(run.result.joinWhileRunning));

  it('close() refuses new work but finishes what was queued; join() waits for it', () => {
    assert.deepEqual(run.result.before, [2, 4, 6]);
    assert.ok(run.result.mapAfterClose);
    assert.ok(run.result.applyAfterClose);
    assert.deepEqual(run.result.queued, [50, 50]);
    assert.ok(run.result.joinMs >= 40, `join returned after ${run.result.joinMs} ms, before the queued 50 ms tasks`);
  });

  it('terminate() stops busy workers at once; join() then returns; new work throws', () => {
    assert.ok(run.result.terminatedJoinMs < 3000, `took ${run.result.terminatedJoinMs} ms`);
    assert.ok(run.result.mapAfterTerminate);
  });

  it('close() lets the workers end normally (exit 0)', () => {
    const workers = run.report!.processes.filter((p) => p.name.startsWith('PoolWorker'));
    assert.equal(workers.length, 4, describeRun(run));
    assert.deepEqual(workers.slice(0, 2).map((p) => p.exitCode), [0, 0]);
  });
});

describe('Pool chunking', () => {
  let run: FixtureRun<{ done: boolean }>;
  /** Items per submitted task, per map call, per pool (from the trace's TASK_SUBMIT events). */
  let chunks: Map<string, number[][]>;
  before(async () => {
    run = await runFixture<{ done: boolean }>('pool-chunks');
    const trace = parseTrace(readFileSync(run.tracePath));
    const poolNames = new Map<number, string>();
    chunks = new Map();
    const e = trace.events;
    for (let at = 0; at < e.length; at += RECORD_SLOTS) {
      if (e[at + 1] === EventKind.OBJ_CREATE) poolNames.set(e[at + 3]!, trace.strings.get(e[at + 5]!) ?? '');
      if (e[at + 1] !== EventKind.TASK_SUBMIT) continue;
      const pool = poolNames.get(e[at + 3]!) ?? String(e[at + 3]);
      const calls = chunks.get(pool) ?? [];
      if (e[at + 6] === 0) calls.push([]); // first item index 0: a new call
      calls[calls.length - 1]!.push(e[at + 5]!);
      chunks.set(pool, calls);
    }
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('uses chunksize = ceil(n / (4 * processes)) by default, as Python', () => {
    const four = chunks.get('pool-4');
    const two = chunks.get('pool-2');
    assert.ok(four && two, JSON.stringify([...chunks]));
    assert.deepEqual(four[0], [...Array(14).fill(7), 2]); // 100 items, 4 processes: chunksize 7
    assert.deepEqual(two[0], [2, 2, 2, 2, 2]); // 10 items, 2 processes: chunksize 2
    assert.deepEqual(two[1], [3, 3, 3, 3, 3, 2]); // 17 items: chunksize 3
    assert.deepEqual(four[3], Array(16).fill(1)); // starmap of 16 items, 4 processes: chunksize 1
  });

  it('uses an explicit chunksize as given', () => assert.deepEqual(chunks.get('pool-4')![1], [3, 3, 3, 1]));

  it('imap() defaults to chunksize 1', () => assert.deepEqual(chunks.get('pool-4')![2], [1, 1, 1, 1, 1]));
});

describe('a Pool main never closes', () => {
  it('has its idle workers stopped when main ends; not a failure', async () => {
    const run = await runFixture<{ squares: number[] }>('pool-left-open');
    assertCleanRun(run);
    assert.deepEqual(run.result.squares, [1, 4, 9]);
  });
});
