import * as assert from 'node:assert/strict';
import { arrange, SIDE_BREAKPOINT } from '../../../webview/ui/responsive';
import { firstView } from '../../../webview/model/first-view';
import { ViewState } from '../../../webview/view-state';

describe('webview: the layout shares the width (ui/responsive.ts)', () => {
  it('keeps at least half of any width from 300 px for the plot, whatever the toggle says', () => {
    for (let width = 300; width <= 4000; width += 7) {
      for (const choice of [undefined, 'open', 'closed'] as const) {
        const a = arrange(width, choice);
        const besideTakes = a.side === 'beside' ? 320 : 0;
        assert.ok(a.plot >= width / 2, `${width} ${choice}: plot ${a.plot}`);
        assert.equal(a.plot + a.gutter + besideTakes, width, `${width} ${choice}: the parts add up`);
      }
    }
  });

  it('opens the side panel by itself only from the breakpoint, and the toggle wins over the width', () => {
    assert.equal(arrange(SIDE_BREAKPOINT - 1, undefined).side, 'hidden');
    assert.equal(arrange(SIDE_BREAKPOINT, undefined).side, 'beside');
    assert.equal(arrange(1920, 'closed').side, 'hidden');
    assert.equal(arrange(400, 'open').side, 'below');
  });

  it('remembers the toggle in the saved view state, and a state without one leaves it to the width', () => {
    const s = new ViewState();
    s.side = 'closed';
    const saved = s.snapshot([0, 1], [0, 1]);
    const back = new ViewState();
    back.restore(JSON.parse(JSON.stringify(saved)));
    assert.equal(back.side, 'closed');
    const none = new ViewState();
    none.restore({ ...saved, side: 'sideways' });
    assert.equal(none.side, undefined);
  });
});

describe('webview: the first view (model/first-view.ts)', () => {
  const model = (start: number, active: number, end: number): Parameters<typeof firstView>[0] =>
    ({ startTime: start, activityStart: active, endTime: end }) as Parameters<typeof firstView>[0];

  it('folds a long start-up away: the view starts just before the first worker, and says how much is hidden', () => {
    const v = firstView(model(0, 600, 1000))!;
    assert.ok(v.t0 < 600 && (600 - v.t0) / (v.t1 - v.t0) <= 0.2, JSON.stringify(v));
    assert.equal(v.t1, 1000);
    assert.equal(v.startUpMs, v.t0);
  });

  it('leaves a short start-up, or a run without workers, in view', () => {
    assert.deepEqual(firstView(model(0, 20, 1000)), { t0: 0, t1: 1000, startUpMs: 0 });
    assert.deepEqual(firstView(model(0, Infinity, 1000)), { t0: 0, t1: 1000, startUpMs: 0 });
    assert.equal(firstView(model(Infinity, Infinity, -Infinity)), null);
  });
});
