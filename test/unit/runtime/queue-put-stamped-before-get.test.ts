/**
 * On a real trace: a Queue put is stamped no later than the get that received it, so the
 * timeline's put→get arrow never points back in time. queue.ts stamps the put with the time taken
 * under the channel's mutex, before any getter can take the item (channel.ts `onPublish`); a put
 * stamped after put() returned was later than its get whenever the producer lost its core between
 * publishing and stamping, which the fixture's waiting consumers make likely.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { EventKind, RECORD_SLOTS, Slot } from '../../../src/shared/events';
import { parseTrace } from '../../../src/shared/trace-file';
import { assertCleanRun, runFixture } from '../run-fixture';

interface Stamps {
  put?: number;
  get?: number;
}

/** Every item of the trace by queue and sequence number, with its put's and its get's times. */
function stampsOf(tracePath: string): Map<string, Stamps> {
  const events = parseTrace(readFileSync(tracePath)).events;
  const items = new Map<string, Stamps>();
  for (let at = 0; at < events.length; at += RECORD_SLOTS) {
    const kind = events[at + Slot.kind];
    if (kind !== EventKind.QUEUE_PUT && kind !== EventKind.QUEUE_GET) continue;
    const key = `${events[at + Slot.obj]}#${events[at + Slot.a]}`;
    const item = items.get(key) ?? {};
    if (kind === EventKind.QUEUE_PUT) item.put = events[at + Slot.time];
    else item.get = events[at + Slot.time];
    items.set(key, item);
  }
  return items;
}

describe('Queue put and get stamps on a real trace', () => {
  it('stamps every put no later than the get that received it', async () => {
    const run = await runFixture<{ items: number }>('queue-put-before-get', { timeoutMs: 60_000 });
    assertCleanRun(run);
    const items = stampsOf(run.tracePath);
    assert.equal(items.size, run.result.items, 'one put and one get per item');
    const backwards: string[] = [];
    for (const [key, { put, get }] of items) {
      assert.ok(put !== undefined && get !== undefined, `item ${key} has both a put and a get`);
      if (put > get) backwards.push(`${key}: put ${put.toFixed(4)} ms > get ${get.toFixed(4)} ms`);
    }
    assert.deepEqual(backwards, [], `${backwards.length} of ${items.size} gets stamped before their put`);
  });
});
