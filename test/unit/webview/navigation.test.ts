/** Keyboard and findings-list moves, computed in plain Node from a real trace's model and layout. */
import * as assert from 'node:assert/strict';
import { Slot } from '../../../src/shared/events';
import { modelOfTrace } from '../../../webview/model/trace-model';
import { computeLayout } from '../../../webview/render/layout';
import { findingFocus, nextLaneRow, stepTarget } from '../../../webview/ui/navigation';
import { raceTrace } from '../../webview/scenarios';

describe('webview: navigation', () => {
  const { model } = modelOfTrace(raceTrace().bytes(), 'race');
  const layout = computeLayout(model, new Set(), new Set());
  const laneRows = layout.rows.filter((r) => r.kind === 'lane');

  it('nextLaneRow walks the lane rows in order and stops at both ends', () => {
    const first = nextLaneRow(layout, null, 1)!;
    assert.equal(first, laneRows[0]);
    assert.equal(nextLaneRow(layout, first.lane, -1), laneRows[0], 'no wrap before the first');
    const last = laneRows[laneRows.length - 1];
    assert.equal(nextLaneRow(layout, last.lane, 1), last, 'no wrap after the last');
    assert.equal(nextLaneRow(layout, laneRows[1].lane, 1), laneRows[2]);
  });

  it('stepTarget goes to the next and previous event of the selected worker, in time order', () => {
    const lane = model.workers.get(1)!;
    const a = stepTarget(model, { kind: 'lane', lane }, -Infinity, 1)!;
    assert.equal(a.lane, lane);
    const b = stepTarget(model, { kind: 'point', lane, ref: a.ref }, 0, 1)!;
    assert.ok(b.time >= a.time && b.ref !== a.ref, 'moves forward');
    const back = stepTarget(model, { kind: 'point', lane, ref: b.ref }, 0, -1)!;
    assert.equal(back.ref, a.ref, 'and back');
    assert.equal(model.store.slot(b.ref, Slot.thread), 1, 'on that worker');
  });

  it('findingFocus frames a race pair around both accesses and selects it', () => {
    const f = { kind: 'data-race', message: '', objects: [], processes: [], locations: [], pairs: [[0, 1]] as [number, number][], pids: [], objs: [], lost: 0, edges: [], time: null, source: 'report' as const };
    const [r0, r1] = [model.workers.get(1)!.points.ref[0], model.workers.get(2)!.points.ref[0]];
    f.pairs = [[r0, r1]];
    const focus = findingFocus(model, f);
    assert.equal(focus.kind, 'pair');
    if (focus.kind !== 'pair') return;
    for (const ref of [r0, r1]) {
      const t = model.store.slot(ref, Slot.time);
      assert.ok(t >= focus.range[0] && t <= focus.range[1], `${t} in ${focus.range}`);
    }
    assert.equal(focus.hit.kind, 'race');
  });
});
