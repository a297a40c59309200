/** Lost updates are counted once, by the analysis: the timeline shows the report's count. */
import * as assert from 'node:assert/strict';
import { resolveFindings } from '../../../webview/model/findings';
import { modelOfTrace } from '../../../webview/model/trace-model';
import { raceTrace } from '../../webview/scenarios';

describe('webview findings: lost updates', () => {
  it("shows the analysis' lost-update count, not the webview's own recount, once a report is in", () => {
    const { model } = modelOfTrace(raceTrace().bytes(), 'race');
    const localCount = resolveFindings(model, null).filter((f) => f.kind === 'lost-update').reduce((n, f) => n + f.lost, 0);
    assert.ok(localCount > 0, 'the scenario has local lost updates (the fallback before a report)');
    const reported = localCount + 7; // any count the analysis gives, different from ours
    const finding = { kind: 'lost-update', message: `counter: ${reported} lost`, objects: ['counter'], processes: ['Process-1', 'Process-2'], locations: [] };
    const resolved = resolveFindings(model, [finding], { result: 'ok', queues: [], locks: [], lostUpdates: [{ finding: 0, lost: reported, updates: [] }] });
    const lost = resolved.filter((f) => f.kind === 'lost-update');
    assert.equal(lost.length, 1, 'the local finding for the same object is replaced');
    assert.equal(lost[0].lost, reported);
    assert.ok(lost[0].pairs.length > 0, 'our pairs are still drawn where the report has none');
  });
});
