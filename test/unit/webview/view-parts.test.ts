/** Small parts of the webview that need no browser: search, keys, the redraw after a batch, saved state. */
import * as assert from 'node:assert/strict';
import { SearchResults, searchMarks, searchSummary } from '../../../webview/model/search';
import { modelOfTrace } from '../../../webview/model/trace-model';
import { afterBatch } from '../../../webview/render/frame-scheduler';
import type { Commands } from '../../../webview/ui/commands';
import { runKey } from '../../../webview/ui/keyboard';
import { ViewState } from '../../../webview/view-state';
import { raceTrace } from '../../webview/scenarios';
import { TraceBuilder } from '../../webview/trace-builder';

describe('webview: search', () => {
  const { model } = modelOfTrace(raceTrace().bytes(), 'race');

  it('finds markers and spans by their label, case-insensitively, in time order, and nothing for an empty search', () => {
    assert.equal(searchMarks(model, 'START').length, 1);
    const b = new TraceBuilder();
    b.start(0, 1, 'Process-1', 0.1);
    b.mark(1, 3, 'Phase B').span(1, 1, 2, 'phase A').mark(0, 0.5, 'phase zero');
    const m = modelOfTrace(b.bytes(), 'marks').model;
    assert.deepEqual(searchMarks(m, 'phase').map((ref) => m.name(m.store.slot(ref, 4))), ['phase zero', 'phase A', 'Phase B']);
    assert.deepEqual(searchMarks(model, '   '), []);
    assert.deepEqual(searchMarks(model, 'no such marker'), []);
  });

  it('summarises lanes and marks; Enter steps through hits and wraps', () => {
    assert.equal(searchSummary('process', ['MainProcess', 'Process-1', 'counter'], 0), '2 lanes, 0 marks');
    assert.equal(searchSummary('', ['x'], 3), '');
    const s = new SearchResults();
    s.update(model, 'start');
    const only = s.hits[0];
    assert.equal(s.next(1), only);
    assert.equal(s.next(1), only, 'wraps');
    s.clear();
    assert.equal(s.next(1), null);
  });
});

describe('webview: keys', () => {
  it('every plot key runs its command, and other keys are left alone', () => {
    const calls: string[] = [];
    const record = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => { calls.push(`${String(name)}(${args.join(',')})`); } }) as Commands;
    for (const key of ['ArrowLeft', 'ArrowRight', '+', '-', '0', 'ArrowDown', ']', '[', 'n', 'N', 'f', 'r', 'R', 'Enter', 'Escape']) {
      assert.equal(runKey({ key, shiftKey: false }, record), true, key);
    }
    assert.equal(runKey({ key: 'q', shiftKey: false }, record), false);
    assert.deepEqual(calls, [
      'pan(-0.1)', 'pan(0.1)', 'zoomBy(1.5)', `zoomBy(${1 / 1.5})`, 'fit()', 'moveLane(1)', 'stepEvent(1)', 'stepEvent(-1)',
      'nextFinding(1)', 'nextFinding(-1)', 'toggleFollow()', 'statsForVisibleRange()', 'clearRange()', 'openSource()', 'clearSelection()',
    ]);
  });
});

describe('webview: redraw after a live batch', () => {
  const x = (t: number): number => t * 10;
  it('lanes added: everything; same view: only the changed time; a moved view: a full frame', () => {
    assert.deepEqual(afterBatch([0, 10], [0, 10], 2, 5, x, true), { structural: true });
    assert.deepEqual(afterBatch([0, 10], [0, 10], 2, 5, x, false), { clip: [20, 50] });
    assert.equal(afterBatch([0, 10], [0, 10], Infinity, 5, x, false), null, 'nothing drawable changed');
    assert.deepEqual(afterBatch([0, 10], [1, 11], 2, 5, x, false), { full: true, clip: [20, 50] });
  });
});

describe('webview: view state', () => {
  it('restores only what parses, and a fit view is saved as null', () => {
    const s = new ViewState();
    assert.equal(s.restore({ version: 2 }), false);
    assert.equal(s.restore({ version: 1, view: { t0: 2, t1: 6 }, follow: true, search: 'x', hiddenLanes: ['w:1'], hiddenCategories: ['flows'] }), true);
    assert.deepEqual([...s.hiddenLanes], ['w:1']);
    assert.equal(s.follow, true);
    assert.deepEqual(s.restoredView, { t0: 2, t1: 6 });
    assert.equal(s.snapshot([0, 10], [0, 10]).view, null);
    assert.deepEqual(s.snapshot([2, 6], [0, 10]).view, { t0: 2, t1: 6 });
  });
});
