/** lock-order-inversion, deadlock and abandoned-lock findings. */
import { strict as assert } from 'node:assert';
import { BlockReason, ExitCause, TraceBuilder } from './trace-builder';
import { analyze, findingsOf } from './helpers';

function twoLocks(): { b: TraceBuilder; A: number; B: number } {
  const b = new TraceBuilder();
  const A = b.lock('A');
  const B = b.lock('B');
  b.begin(0).spawn(0, 1, 'Process-1').spawn(0, 2, 'Process-2');
  return { b, A, B };
}

describe('analysis: lock order, deadlocks, abandoned locks', () => {
  it('AB taken to completion, then BA, reports lock-order-inversion and no deadlock', () => {
    const { b, A, B } = twoLocks();
    b.acquire(1, A, b.loc(10)); b.acquire(1, B, b.loc(11)); b.release(1, B); b.release(1, A);
    b.exit(1);
    b.acquire(2, B, b.loc(20)); b.acquire(2, A, b.loc(21)); b.release(2, A); b.release(2, B);
    b.exit(2).joined(0, 1).joined(0, 2).exit(0);
    b.finish('ok');
    const report = analyze(b);
    assert.equal(report.result, 'ok');
    assert.deepEqual(findingsOf(report, 'deadlock'), []);
    const inversions = findingsOf(report, 'lock-order-inversion');
    assert.equal(inversions.length, 1);
    assert.deepEqual([...inversions[0].objects].sort(), ['A', 'B']);
    assert.deepEqual([...inversions[0].processes].sort(), ['Process-1', 'Process-2']);
    assert.deepEqual(inversions[0].locations.map((l) => l.line).sort(), [10, 11, 20, 21]);
    assert.match(inversions[0].message, /Process-1 took A \(demo\.ts:10\) then B \(demo\.ts:11\)/);
    assert.match(inversions[0].message, /Process-2 took B \(demo\.ts:20\) then A \(demo\.ts:21\)/);
    assert.equal(report.lockOrder[0].cycle.length, 2);
  });

  it('one worker taking AB and later BA is an inversion too', () => {
    const { b, A, B } = twoLocks();
    b.acquire(1, A); b.acquire(1, B); b.release(1, B); b.release(1, A);
    b.acquire(1, B); b.acquire(1, A); b.release(1, A); b.release(1, B);
    assert.equal(findingsOf(analyze(b), 'lock-order-inversion').length, 1);
  });

  it('opposite orders taken under a common gate lock are not an inversion', () => {
    const { b, A, B } = twoLocks();
    const G = b.lock('G');
    b.acquire(1, G); b.acquire(1, A); b.acquire(1, B); b.release(1, B); b.release(1, A); b.release(1, G);
    b.acquire(2, G); b.acquire(2, B); b.acquire(2, A); b.release(2, A); b.release(2, B); b.release(2, G);
    assert.deepEqual(findingsOf(analyze(b), 'lock-order-inversion'), []);
  });

  it('a three-lock cycle A→B, B→C, C→A is one inversion', () => {
    const { b, A, B } = twoLocks();
    const C = b.lock('C');
    b.spawn(0, 3);
    b.acquire(1, A); b.acquire(1, B); b.release(1, B); b.release(1, A);
    b.acquire(2, B); b.acquire(2, C); b.release(2, C); b.release(2, B);
    b.acquire(3, C); b.acquire(3, A); b.release(3, A); b.release(3, C);
    const inversions = findingsOf(analyze(b), 'lock-order-inversion');
    assert.equal(inversions.length, 1);
    assert.deepEqual([...inversions[0].objects].sort(), ['A', 'B', 'C']);
  });

  it('AB and BA taken at the same time report the runner\'s deadlock, naming both locks and workers', () => {
    const { b, A, B } = twoLocks();
    b.acquire(1, A, b.loc(10));
    b.acquire(2, B, b.loc(20));
    b.request(1, B, b.loc(11)); b.block(1, B, BlockReason.LOCK, -1, b.loc(11));
    b.request(2, A, b.loc(21)); b.block(2, A, BlockReason.LOCK, -1, b.loc(21));
    b.unblock(1, B, BlockReason.LOCK, false); b.release(1, A); b.exit(1, { cause: ExitCause.STOPPED, code: 1 });
    b.unblock(2, A, BlockReason.LOCK, false); b.release(2, B); b.exit(2, { cause: ExitCause.STOPPED, code: 1 });
    b.finish('deadlock', { deadlock: { edges: [{ waiter: 1, object: B, holder: 2 }, { waiter: 2, object: A, holder: 1 }] } });
    const report = analyze(b);
    assert.equal(report.result, 'deadlock');
    const deadlocks = findingsOf(report, 'deadlock');
    assert.equal(deadlocks.length, 1);
    assert.deepEqual([...deadlocks[0].objects].sort(), ['A', 'B']);
    assert.deepEqual([...deadlocks[0].processes].sort(), ['Process-1', 'Process-2']);
    assert.deepEqual(deadlocks[0].locations.map((l) => l.line).sort(), [10, 11, 20, 21]);
    assert.match(deadlocks[0].message, /Process-1 waits for B at demo\.ts:11, held by Process-2 \(taken at demo\.ts:20\)/);
    assert.equal(report.deadlocks[0].source, 'runner');
    assert.deepEqual(findingsOf(report, 'abandoned-lock'), [], 'workers stopped by the supervisor abandon nothing');
  });

  it('without the runner\'s cycle, untimed lock waits left open at the end of the trace are a deadlock', () => {
    const { b, A, B } = twoLocks();
    b.acquire(1, A); b.acquire(2, B);
    b.block(1, B, BlockReason.LOCK); b.block(2, A, BlockReason.LOCK);
    const report = analyze(b);
    assert.equal(report.result, 'deadlock');
    assert.equal(findingsOf(report, 'deadlock').length, 1);
    assert.equal(report.deadlocks[0].source, 'trace');
  });

  it('a run the runner stopped as a deadlock without a cycle names the stuck waits', () => {
    const b = new TraceBuilder();
    const q = b.queue('never-fed');
    b.begin(0);
    b.block(0, q, BlockReason.QUEUE_GET, -1, b.loc(6));
    b.exit(0, { cause: ExitCause.STOPPED, code: 1 });
    b.finish('deadlock', { message: 'every process is blocked and none can proceed: MainProcess waits on never-fed', deadlock: { edges: [] } });
    const report = analyze(b);
    const [finding] = findingsOf(report, 'deadlock');
    assert.equal(finding.message, 'Deadlock: every process is blocked and none can proceed: MainProcess waits for never-fed at demo.ts:6.');
    assert.deepEqual(finding.objects, ['never-fed']);
    assert.deepEqual(finding.processes, ['MainProcess']);
    assert.deepEqual(finding.locations, [{ file: '/work/demo.ts', line: 6 }]);
    assert.equal(report.deadlocks[0].source, 'stalled');
  });

  it('timed waits in a cycle are not a deadlock', () => {
    const { b, A, B } = twoLocks();
    b.acquire(1, A); b.acquire(2, B);
    b.block(1, B, BlockReason.LOCK, 500); b.block(2, A, BlockReason.LOCK, 500);
    assert.deepEqual(findingsOf(analyze(b), 'deadlock'), []);
  });

  it('a worker that exits holding a Lock leaves an abandoned-lock', () => {
    const { b, A } = twoLocks();
    b.acquire(1, A, b.loc(7));
    b.exit(1);
    const found = findingsOf(analyze(b), 'abandoned-lock');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].objects, ['A']);
    assert.deepEqual(found[0].processes, ['Process-1']);
    assert.deepEqual(found[0].locations, [{ file: '/work/demo.ts', line: 7 }]);
  });

  it('a Lock released by another worker is not abandoned', () => {
    const { b, A } = twoLocks();
    b.acquire(1, A);
    b.release(2, A);
    b.exit(1);
    assert.deepEqual(findingsOf(analyze(b), 'abandoned-lock'), []);
  });
});
