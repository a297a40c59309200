/**
 * The webview model takes in plain programs' events: shared-buffer accesses on the buffer's lane,
 * message arrows paired by channel and sequence number (a BroadcastChannel message once per
 * receipt), notify → woken arrows paired by the address's version, Atomics.wait as a waiting
 * span, Atomics.waitAsync as a bracket (its thread runs on), and a Worker's 'error' event.
 */
import * as assert from 'node:assert/strict';
import { AtomicOp, BlockReason, EventKind, ObjectKind, RECORD_SLOTS, packAccess } from '../../../src/shared/events';
import { FlowKind } from '../../../webview/model/flows';
import { Point, State } from '../../../webview/model/states';
import { TraceModel } from '../../../webview/model/trace-model';

function events(rows: number[][]): Float64Array {
  const out = new Float64Array(rows.length * RECORD_SLOTS);
  rows.forEach((row, i) => out.set(row, i * RECORD_SLOTS));
  return out;
}

const BUF = 1;
const CHAN = 2;
const BC = 3;

function model(rows: number[][]): TraceModel {
  const m = new TraceModel();
  m.addStrings([[1, 'counter'], [2, 'main ⇄ worker-1'], [3, "BroadcastChannel 'news'"]]);
  m.ingest(events([
    [0, EventKind.OBJ_CREATE, 0, BUF, ObjectKind.SHARED_BUFFER, 1, 8, -1],
    [0, EventKind.OBJ_CREATE, 0, CHAN, ObjectKind.CHANNEL, 2, 0, -1],
    [0, EventKind.OBJ_CREATE, 0, BC, ObjectKind.BROADCAST_CHANNEL, 3, 0, -1],
    ...rows,
  ]));
  return m;
}

function flows(m: TraceModel, kind: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < m.flows.length; i++) if (m.flows.kind[i] === kind) out.push([m.flows.srcLane[i], m.flows.dstLane[i], m.flows.label[i]]);
  return out;
}

describe('webview model: plain programs', () => {
  it('draws shared-buffer reads, writes and Atomics on the buffer\'s lane and the thread\'s', () => {
    const m = model([
      [1, EventKind.SHM_READ, 1, BUF, 0, 0, packAccess(0, 0, 4), -1],
      [2, EventKind.SHM_WRITE, 1, BUF, 0, 1, packAccess(0, 0, 4), -1],
      [3, EventKind.ATOMIC, 2, BUF, 4, 0, packAccess(1, AtomicOp.ADD, 4), -1],
    ]);
    const lane = m.memory.get(BUF)!;
    assert.deepEqual(Array.from({ length: lane.points.length }, (_, i) => lane.points.category[i]), [Point.READ, Point.WRITE, Point.SYNC]);
    assert.equal(m.objectName(BUF), 'counter');
  });

  it('pairs a message with its receipt whichever comes first, and a broadcast with each receipt', () => {
    const m = model([
      [5, EventKind.MSG_RECV, 0, CHAN, 1, 1, 0, -1],
      [4, EventKind.MSG_SEND, 1, CHAN, 1, 0, 0, -1],
      [6, EventKind.MSG_SEND, 0, BC, 1, -1, 0, -1],
      [7, EventKind.MSG_RECV, 1, BC, 1, 0, 0, -1],
      [8, EventKind.MSG_RECV, 2, BC, 1, 0, 0, -1],
    ]);
    assert.deepEqual(flows(m, FlowKind.QUEUE).sort(), [[0, 1, 1], [0, 2, 1], [1, 0, 1]]);
  });

  it('draws an arrow from a notify to the wait it woke, and the wait as waiting', () => {
    const m = model([
      [1, EventKind.BLOCK, 2, BUF, BlockReason.ATOMICS_WAIT, -1, 0, -1],
      [3, EventKind.ATOMIC_NOTIFY, 1, BUF, 0, 1, packAccess(4, AtomicOp.NOTIFY, 4), -1],
      [4, EventKind.UNBLOCK, 2, BUF, BlockReason.ATOMICS_WAIT, 1, 0, -1],
      [4, EventKind.ATOMIC, 2, BUF, 0, 1, packAccess(5, AtomicOp.WOKEN, 4), -1],
    ]);
    assert.deepEqual(flows(m, FlowKind.LOCK), [[1, 2, 5]]);
    const w = m.workers.get(2)!;
    const states = Array.from({ length: w.spans.length }, (_, i) => w.spans.state[i]);
    assert.ok(states.includes(State.WAITING), JSON.stringify(states));
  });

  it('draws an Atomics.waitAsync as a bracket while its thread goes on running', () => {
    const m = model([
      [1, EventKind.BLOCK, 1, BUF, BlockReason.ATOMICS_WAIT_ASYNC, -1, 0, -1],
      [2, EventKind.SHM_READ, 1, BUF, 0, 0, packAccess(0, 0, 4), -1],
      [3, EventKind.UNBLOCK, 1, BUF, BlockReason.ATOMICS_WAIT_ASYNC, 1, 0, -1],
    ]);
    const w = m.workers.get(1)!;
    assert.deepEqual(Array.from({ length: w.marks.length }, (_, i) => w.marks.state[i]), [State.WAITING]);
    for (let i = 0; i < w.spans.length; i++) assert.notEqual(w.spans.state[i], State.WAITING);
  });

  it('marks a Worker\'s \'error\' event on the lane of the thread it reached', () => {
    const m = model([[2, EventKind.WORKER_ERROR, 0, 1, 1, 1, 0, -1]]);
    const main = m.workers.get(0)!;
    assert.ok(Array.from({ length: main.points.length }, (_, i) => main.points.category[i]).includes(Point.ERROR));
  });
});
