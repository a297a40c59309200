/** Queue flows and FIFO, lock statistics, per-worker time and utilization. */
import { strict as assert } from 'node:assert';
import { BlockReason, TraceBuilder } from './trace-builder';
import { analyzeTrace, type Utilization } from '../../../src/analysis';
import { analyze } from './helpers';

describe('analysis: statistics', () => {
  it('every get is linked to the put it received, with sequence number and producer', () => {
    const b = new TraceBuilder();
    const q = b.queue('jobs');
    b.begin(0).spawn(0, 1).spawn(0, 2).spawn(0, 3);
    b.put(1, q); b.put(2, q); b.put(1, q);
    b.get(3, q); b.get(3, q);
    const report = analyze(b);
    assert.deepEqual(report.queues, [{ name: 'jobs', puts: 3, gets: 2 }]);
    assert.deepEqual(report.flows.map((f) => [f.seq, f.producerPid, f.consumerPid]), [[1, 1, 3], [2, 2, 3]]);
    assert.ok(report.flows.every((f) => f.putRecord !== null && f.putMs !== null && f.putMs < f.getMs));
    assert.deepEqual(report.queueDetails[0], { name: 'jobs', id: q, puts: 3, gets: 2, unconsumed: 1, fifo: true, outOfOrder: 0 });
  });

  it('a consumer receiving a later item before an earlier one breaks the FIFO check', () => {
    const b = new TraceBuilder();
    const q = b.queue('Q');
    b.begin(0).spawn(0, 1).spawn(0, 2);
    b.put(1, q); b.put(1, q);
    b.get(2, q, -1, 2); b.get(2, q, -1, 1);
    const detail = analyze(b).queueDetails[0];
    assert.equal(detail.fifo, false);
    assert.equal(detail.outOfOrder, 1);
  });

  it('two consumers whose get records swap are still FIFO', () => {
    const b = new TraceBuilder();
    const q = b.queue('Q');
    b.begin(0).spawn(0, 1).spawn(0, 2).spawn(0, 3);
    b.put(1, q); b.put(1, q);
    b.get(3, q, -1, 2); b.get(2, q, -1, 1);
    assert.equal(analyze(b).queueDetails[0].fifo, true);
  });

  it('locks count acquisitions, contended acquisitions, wait and hold time', () => {
    const b = new TraceBuilder();
    const l = b.lock('L');
    b.begin(0).spawn(0, 1).spawn(0, 2);
    b.at(10).acquire(1, l);
    b.at(11).request(2, l);
    b.at(11).block(2, l, BlockReason.LOCK);
    b.at(14).release(1, l);
    b.at(15).unblock(2, l, BlockReason.LOCK);
    b.at(15).acquire(2, l, -1, true);
    b.at(16).release(2, l);
    const report = analyze(b);
    assert.deepEqual(report.locks, [{ name: 'L', acquisitions: 2, contended: 1, waitMs: 4, holdMs: 5 }]);
    const p2 = report.perWorker.find((w) => w.pid === 2)!;
    assert.equal(p2.blockedMs, 4);
    assert.deepEqual(p2.blockedOn, [{ reason: 'lock', on: 'L', ms: 4, count: 1 }]);
  });

  it('per-worker time splits a life into running, blocked and sleeping', () => {
    const b = new TraceBuilder();
    b.at(0).begin(0);
    b.at(0).spawn(0, 1); // the child's PROC_BEGIN lands at 1 ms
    b.at(10).sleep(1, 5);
    b.at(15).unblock(1, -1, BlockReason.SLEEP);
    b.at(20).block(1, 0, BlockReason.JOIN);
    b.at(30).unblock(1, 0, BlockReason.JOIN);
    b.at(40).exit(1);
    b.at(40).exit(0);
    const w = analyze(b).perWorker.find((x) => x.pid === 1)!;
    assert.deepEqual([w.runningMs, w.blockedMs, w.sleepingMs], [24, 10, 5]);
    assert.deepEqual(w.blockedOn, [{ reason: 'join', on: 'MainProcess', ms: 10, count: 1 }]);
  });

  it('wakeups link each ended wait to the event that ended it', () => {
    const b = new TraceBuilder();
    const l = b.lock('L');
    const e = b.event('E');
    b.begin(0).spawn(0, 1).spawn(0, 2);
    b.acquire(1, l);
    b.request(2, l); b.block(2, l, BlockReason.LOCK);
    const release = b.release(1, l);
    b.unblock(2, l, BlockReason.LOCK);
    const acquire = b.acquire(2, l, -1, true);
    b.release(2, l);
    b.block(2, e, BlockReason.EVENT);
    const set = b.set(1, e);
    b.unblock(2, e, BlockReason.EVENT);
    const waited = b.waited(2, e);
    b.block(0, 1, BlockReason.JOIN);
    b.exit(1);
    b.unblock(0, 1, BlockReason.JOIN);
    const joined = b.emit(13, 0, 1, 1);
    const exit = joined - 2;
    const report = analyze(b);
    assert.deepEqual(report.wakeups.map((w) => [w.kind, w.object, w.fromPid, w.toPid, w.fromRecord, w.toRecord]), [
      ['lock', 'L', 1, 2, release, acquire],
      ['event', 'E', 1, 2, set, waited],
      ['join', 'Process-1', 1, 0, exit, joined],
    ]);
  });

  it('pool tasks are followed from submit to result, with the worker that ran them', () => {
    const b = new TraceBuilder();
    const pool = b.pool('P');
    b.begin(0).spawn(0, 1);
    const id = b.submit(0, pool);
    b.taskStart(1, pool, id);
    b.taskEnd(1, pool, id);
    b.taskResult(0, pool, id);
    const [task] = analyze(b).tasks;
    assert.equal(task.pool, 'P');
    assert.equal(task.callerPid, 0);
    assert.equal(task.workerPid, 1);
    assert.equal(task.ok, true);
    assert.ok(task.submitRecord < task.startRecord! && task.startRecord! < task.endRecord! && task.endRecord! < task.resultRecord!);
  });

  it('utilization gives the average number of running workers per bucket', () => {
    const b = new TraceBuilder();
    b.at(0).begin(0);
    b.at(0).spawn(0, 1); // the child begins at 1 ms
    b.at(0).block(0, 1, BlockReason.JOIN);
    b.at(100).exit(1);
    b.at(100).unblock(0, 1, BlockReason.JOIN);
    b.at(100).exit(0);
    b.finish('ok', { durationMs: 100 });
    const u = analyzeBuckets(b, 4);
    assert.equal(u.bucketMs, 25);
    assert.deepEqual(u.running, [0.96, 1, 1, 1]);
    assert.deepEqual(u.blocked, [1, 1, 1, 1]);
  });
});

function analyzeBuckets(b: TraceBuilder, buckets: number): Utilization {
  return analyzeTrace(b.build(), { utilizationBuckets: buckets }).utilization;
}
