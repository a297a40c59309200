/** Sampled locations: an unlocated event inherits its thread's last location for the same call on that object. */
import { strict as assert } from 'node:assert';
import { fillLocations } from '../../../src/analysis';
import { TraceBuilder } from './trace-builder';
import { analyze, findingsOf } from './helpers';

describe('analysis: location fill-in', () => {
  it('fillLocations gives loc -1 events the last location of the same thread and object', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    const w = b.value('w');
    const l5 = b.loc(5);
    const l9 = b.loc(9);
    b.begin(0).spawn(0, 1);
    const r1 = b.read(1, v, 0, l5);
    const r2 = b.read(1, v);
    const r3 = b.read(0, v);
    const r4 = b.read(1, w);
    const r5 = b.read(1, w, 0, l9);
    const r6 = b.read(1, v);
    const filled = fillLocations(b.build().events);
    assert.deepEqual([r1, r2, r3, r4, r5, r6].map((r) => filled[r]), [l5, l5, -1, -1, l9, l5]);
  });

  it('inherits only from the same call: an acquisition from acquisitions, a release from releases', () => {
    const b = new TraceBuilder();
    const l = b.lock('L');
    const acquireLine = b.loc(10);
    const releaseLine = b.loc(12);
    b.begin(0).spawn(0, 1);
    b.acquire(1, l, acquireLine);
    b.release(1, l, releaseLine);
    const a2 = b.acquire(1, l);
    const r2 = b.release(1, l);
    const filled = fillLocations(b.build().events);
    assert.deepEqual([filled[a2], filled[r2]], [acquireLine, releaseLine]);
  });

  it('a read and a write of one Value on different lines keep their own lines', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    const readLine = b.loc(14);
    const writeLine = b.loc(16);
    b.begin(0).spawn(0, 1);
    b.read(1, v, 0, readLine);
    b.write(1, v, 0, 1, writeLine);
    const r2 = b.read(1, v);
    const w2 = b.write(1, v, 0, 2);
    const filled = fillLocations(b.build().events);
    assert.deepEqual([filled[r2], filled[w2]], [readLine, writeLine]);
  });

  it('a race found on sampled events still names both source lines', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    b.begin(0).spawn(0, 1).spawn(0, 2);
    b.write(1, v, 0, 1, b.loc(10));
    b.write(2, v, 0, 1, b.loc(20));
    const l = b.lock('L');
    b.acquire(1, l); b.release(1, l);
    b.acquire(2, l); b.release(2, l);
    b.write(1, v, 0, 2); // sampled out: inherits line 10
    b.read(2, v); // sampled out, and no read located yet: thread 2's last location on v (line 20)
    const races = findingsOf(analyze(b), 'data-race');
    assert.ok(races.length >= 1);
    for (const race of races) assert.deepEqual(race.locations.map((x) => x.line).sort(), [10, 20]);
  });
});
