/** The webview's model of a trace, built in plain Node from real .itrace bytes. */
import * as assert from 'node:assert/strict';
import { RECORD_SLOTS } from '../../../src/shared/events';
import { parseTrace } from '../../../src/shared/trace-file';
import { FlowKind } from '../../../webview/model/flows';
import { State } from '../../../webview/model/states';
import { TraceModel, modelOfTrace } from '../../../webview/model/trace-model';
import { queueTrace, raceTrace } from '../../webview/scenarios';

describe('webview model: TraceModel', () => {
  it('modelOfTrace builds a lane per worker, lock, shared object and core, named as the trace names them', () => {
    const { model, truncated } = modelOfTrace(raceTrace().bytes(), 'race');
    assert.equal(truncated, false);
    assert.deepEqual([...model.workers.keys()].sort(), [0, 1, 2]);
    assert.deepEqual([...model.workers.keys()].map((p) => model.processName(p)).sort(), ['MainProcess', 'Process-1', 'Process-2']);
    assert.deepEqual([...model.memory.values()].map((m) => model.objectName(m.obj)).sort(), ['counter', 'safe counter']);
    assert.deepEqual([...model.locks.values()].map((l) => model.objectName(l.obj)), ['counter lock']);
    assert.ok(model.cores.size >= 2);
    assert.equal(model.lanes().length, model.workers.size + model.locks.size + model.memory.size + model.cores.size);
  });

  it('pairs every queue put with its get into one arrow, whichever arrives first', () => {
    const parsed = parseTrace(queueTrace().bytes());
    // Gets first: the events reversed, as batches from two threads may arrive.
    const n = parsed.events.length / RECORD_SLOTS;
    const reversed = new Float64Array(parsed.events.length);
    for (let i = 0; i < n; i++) reversed.set(parsed.events.subarray(i * RECORD_SLOTS, (i + 1) * RECORD_SLOTS), (n - 1 - i) * RECORD_SLOTS);
    for (const events of [parsed.events, reversed]) {
      const model = new TraceModel();
      model.addStrings(parsed.strings);
      model.ingest(events);
      const labels: number[] = [];
      for (let i = 0; i < model.flows.length; i++) if (model.flows.kind[i] === FlowKind.QUEUE) labels.push(model.flows.label[i]);
      assert.deepEqual(labels.sort((a, b) => a - b), [1, 2, 3, 4, 5, 6]);
    }
  });

  it('a live batch reports the time range it changed and whether lanes were added', () => {
    const parsed = parseTrace(raceTrace().bytes());
    const model = new TraceModel();
    model.addStrings(parsed.strings);
    const half = Math.floor(parsed.events.length / RECORD_SLOTS / 2) * RECORD_SLOTS;
    const first = model.ingest(parsed.events.subarray(0, half));
    assert.equal(first.lanesChanged, true);
    const second = model.ingest(parsed.events.subarray(half));
    assert.ok(second.from <= second.to && Number.isFinite(second.from));
    assert.equal(model.eventCount, parsed.events.length / RECORD_SLOTS);
  });

  it('a worker that blocks on the lock shows a blocked span that ends when it acquires', () => {
    const { model } = modelOfTrace(raceTrace().bytes(), 'race');
    const w = model.workers.get(2)!;
    let blocked = 0;
    for (let i = 0; i < w.spans.length; i++) if (w.spans.state[i] === State.BLOCKED_LOCK) blocked++;
    assert.ok(blocked > 0, 'a lock wait on Process-2');
  });
});
