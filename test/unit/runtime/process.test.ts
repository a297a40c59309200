/** Process, cpuCount, currentProcess, isMainProcess and sleep against Python's multiprocessing. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, describeRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
  instance?: boolean;
}

describe('Process', () => {
  interface Lifecycle {
    before: { id: number | null; name: string; alive: boolean; exitCode: number | null; joinThrows: Thrown | null };
    started: { id: number | null; alive: boolean; exitCode: number | null };
    timedJoinReturned: unknown;
    afterTimedJoin: { alive: boolean; exitCode: number | null };
    joinReturned: unknown;
    after: { alive: boolean; exitCode: number | null; id: number | null };
    restart: Thrown | null;
    names: string[];
    ids: number[];
    exitCodes: (number | null)[];
  }
  let run: FixtureRun<Lifecycle>;
  before(async () => {
    run = await runFixture<Lifecycle>('process-lifecycle');
  });

  it('runs to a clean end (exit 0, report ok)', () => assertCleanRun(run));

  it('has id null, isAlive() false and exitCode null before start()', () => {
    assert.equal(run.result.before.id, null);
    assert.equal(run.result.before.alive, false);
    assert.equal(run.result.before.exitCode, null);
  });

  it('names processes Process-N, as Python, unless given a name', () => {
    assert.deepEqual(run.result.names, ['Process-1', 'custom-name', 'Process-3']);
  });

  it('gives each started process a distinct numeric id', () => {
    assert.ok(run.result.ids.every((id) => Number.isInteger(id) && id > 0), JSON.stringify(run.result.ids));
    assert.equal(new Set(run.result.ids).size, 3);
    assert.equal(run.result.started.id, run.result.ids[0]);
  });

  it('is alive with exitCode null while running', () => {
    assert.deepEqual(run.result.started, { id: run.result.ids[0], alive: true, exitCode: null });
  });

  it('join(timeoutMs) returns undefined when the time is up and the process still runs', () => {
    assert.equal(run.result.timedJoinReturned, 'undefined');
    assert.deepEqual(run.result.afterTimedJoin, { alive: true, exitCode: null });
  });

  it('join() returns undefined; after it isAlive() is false and exitCode 0', () => {
    assert.equal(run.result.joinReturned, 'undefined');
    assert.deepEqual(run.result.after, { alive: false, exitCode: 0, id: run.result.ids[0] });
    assert.deepEqual(run.result.exitCodes, [0, 0]);
  });

  it('throws on join() before start() and on a second start()', () => {
    assert.match(run.result.before.joinThrows?.message ?? '', /start/);
    assert.match(run.result.restart?.message ?? '', /once/);
  });
});

describe('Process.terminate()', () => {
  interface Terminate {
    aliveBefore: boolean[];
    aliveAfter: boolean[];
    exitCodes: (number | null)[];
    joinMs: number;
    neverStartedExitCode: number | null;
  }
  let run: FixtureRun<Terminate>;
  before(async () => {
    run = await runFixture<Terminate>('process-terminate');
  });

  it('stops a busy worker and a blocked one at once', () => {
    assert.deepEqual(run.result.aliveBefore, [true, true], describeRun(run));
    assert.deepEqual(run.result.aliveAfter, [false, false], describeRun(run));
    assert.ok(run.result.joinMs < 3000, `join after terminate took ${run.result.joinMs} ms`);
  });

  it('leaves a non-zero exitCode', () => {
    for (const code of run.result.exitCodes) assert.ok(code !== null && code !== 0, JSON.stringify(run.result.exitCodes));
  });

  it('is not a failure: exit 0, no worker-error, the terminated processes carry no error', () => {
    assertCleanRun(run);
    for (const name of ['spinner', 'blocked']) {
      const p = run.report!.processes.find((x) => x.name === name);
      assert.ok(p, `${name} in report.processes`);
      assert.equal(p.error, null);
      assert.notEqual(p.exitCode, 0);
    }
  });

  it('is a no-op before start()', () => assert.equal(run.result.neverStartedExitCode, null));
});

describe('Process args', () => {
  interface Args {
    badStart: Thrown | null;
    badAfter: { alive: boolean; id: number | null; exitCode: number | null };
    exitCode: number;
    child: Record<string, unknown>;
    parentList: number[];
    values: number[];
    arr: number[];
    counter: number;
    eventSet: boolean[];
    same: number;
  }
  let run: FixtureRun<Args>;
  before(async () => {
    run = await runFixture<Args>('process-args');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('are structured-cloned: the child changes only its copy of plain data', () => {
    assert.deepEqual(run.result.child.list, [1, 2, 3, 99]);
    assert.deepEqual(run.result.parentList, [1, 2, 3]);
  });

  it('keep Date, Map and bigint; class instances arrive as plain objects', () => {
    const c = run.result.child;
    assert.equal(c.whenIsDate, true);
    assert.equal(c.whenTime, 1_700_000_000_000);
    assert.equal(c.tableIsMap, true);
    assert.equal(c.tableK, 5);
    assert.equal(c.big, `${2n ** 70n}n`);
    assert.equal(c.pointIsPoint, false);
    assert.equal(c.pointProtoIsObject, true);
    assert.deepEqual(c.pointFields, [3, 4]);
  });

  it('keep shared objects identical, nested in arrays, objects, Maps and Sets', () => {
    assert.deepEqual(run.result.values, [11, 22]);
    assert.deepEqual(run.result.arr, [0, 0, 7.5, 0]);
    assert.equal(run.result.counter, 33);
    assert.deepEqual(run.result.eventSet, [true]);
    assert.equal(run.result.child.lockTaken, false, 'the Lock main holds is held in the child too');
  });

  it('that cannot be cloned (a function) make start() throw, leaving the process unstarted', () => {
    assert.match(run.result.badStart?.message ?? '', /clone/);
    assert.deepEqual(run.result.badAfter, { alive: false, id: null, exitCode: null });
  });

  it('pass one shared object twice as the same memory', () => {
    assert.equal(run.result.child.sameSeesWrite, 44);
    assert.equal(run.result.same, 44);
  });
});

describe('cpuCount(), currentProcess(), isMainProcess, sleep()', () => {
  interface Builtins {
    cpuCount: number;
    osParallelism: number;
    main: { current: { name: string; id: number }; isMainProcess: boolean };
    child: { current: { name: string; id: number }; isMainProcess: boolean };
    childId: number;
    sleep120: number;
    sleepNegative: number;
    sleepZero: number;
    sleepNaN: Thrown | null;
  }
  let run: FixtureRun<Builtins>;
  before(async () => {
    run = await runFixture<Builtins>('process-builtins');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('cpuCount() is os.availableParallelism()', () => {
    assert.equal(run.result.cpuCount, run.result.osParallelism);
    assert.ok(run.result.cpuCount >= 1);
  });

  it("currentProcess() is { name: 'MainProcess', id: 0 } in main", () => {
    assert.deepEqual(run.result.main.current, { name: 'MainProcess', id: 0 });
  });

  it("currentProcess() is the process's own name and id in a Process", () => {
    assert.deepEqual(run.result.child.current, { name: 'reporter', id: run.result.childId });
  });

  it('isMainProcess is true only in main', () => {
    assert.equal(run.result.main.isMainProcess, true);
    assert.equal(run.result.child.isMainProcess, false);
  });

  it('sleep(ms) blocks for ms; a negative sleep is 0; NaN throws', () => {
    assert.ok(run.result.sleep120 >= 115 && run.result.sleep120 < 1000, `sleep(120) took ${run.result.sleep120} ms`);
    assert.ok(run.result.sleepNegative < 50, `sleep(-50) took ${run.result.sleepNegative} ms`);
    assert.ok(run.result.sleepZero < 50);
    assert.equal(run.result.sleepNaN?.name, 'TypeError');
  });
});

describe('a script without main', () => {
  it('runs its isMainProcess-guarded top level once, in the main worker, and can start Processes', async () => {
    const run = await runFixture<{ value: number; exitCode: number }>('script-guard');
    assertCleanRun(run);
    assert.deepEqual(run.result, { value: 6, exitCode: 0 });
  });
});

describe('a Process main never joins', () => {
  it('is waited for before the run ends (as Python joins non-daemon children at exit)', async () => {
    const run = await runFixture('process-not-joined');
    assert.equal(run.status, 0, describeRun(run));
    const lines = run.stdout.split('\n');
    assert.ok(lines.includes('MAIN DONE') && lines.includes('CHILD DONE'), describeRun(run));
    assert.equal(run.report?.processes.find((p) => p.name === 'unjoined')?.exitCode, 0);
  });
});

describe('a Process starting a Process', () => {
  it('runs the grandchild, passes shared objects down, and reports both exit codes', async () => {
    const run = await runFixture<{ value: number; childExit: number; grandchildExit: number }>('process-nested');
    assertCleanRun(run);
    assert.deepEqual(run.result, { value: 111, childExit: 0, grandchildExit: 0 });
    assert.ok(run.report!.processes.some((p) => p.name === 'parent-child' && p.exitCode === 0), describeRun(run));
  });
});
