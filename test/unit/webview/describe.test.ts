/** What the details and the tooltip say about an event (ui/describe.ts), on a real trace's bytes. */
import * as assert from 'node:assert/strict';
import { EventKind } from '../../../src/shared/events';
import { modelOfTrace } from '../../../webview/model/trace-model';
import { describeEvent } from '../../../webview/ui/describe';
import { raceTrace } from '../../webview/scenarios';

function refsOf(model: ReturnType<typeof modelOfTrace>['model'], kind: number, pid: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < model.eventCount; r++) if (model.store.slot(r, 1) === kind && model.store.slot(r, 2) === pid) out.push(r);
  return out;
}

describe('webview: what an event is called (ui/describe.ts)', () => {
  it("names the process a join waits for (not the object with that number), and shows no raw record slots for a known kind", () => {
    const { model } = modelOfTrace(raceTrace().bytes(), 'race');
    const blocks = refsOf(model, EventKind.BLOCK, 0).map((r) => describeEvent(model, r));
    const join = blocks.find((d) => d.title.includes('blocked on join'));
    assert.ok(join, blocks.map((d) => d.title).join(' | '));
    assert.match(join.title, /blocked on join Process-[12]\b/);
    for (const d of blocks) assert.ok(!d.fields.some(([k]) => k === 'values' || k === 'fields'), JSON.stringify(d.fields));
  });
});
