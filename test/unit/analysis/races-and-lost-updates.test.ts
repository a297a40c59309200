/** data-race and lost-update findings: what they say and how they count. */
import { strict as assert } from 'node:assert';
import { TraceBuilder } from './trace-builder';
import { analyze, findingsOf } from './helpers';

/**
 * The seed's race: two workers each do `v.value += 1` n times, with the given schedule of their
 * read (r) and write (w) steps. Returns the builder and the counter.
 */
function counterRace(schedule: string): { b: TraceBuilder; v: number } {
  const b = new TraceBuilder();
  const line = b.loc(14, '/work/race.ts');
  const v = b.value('counter');
  b.begin(0).spawn(0, 1, 'Process-1').spawn(0, 2, 'Process-2');
  const pending = new Map<number, number>();
  for (const step of schedule.split(' ')) {
    const p = Number(step[1]);
    if (step[0] === 'r') {
      b.read(p, v, 0, line);
      pending.set(p, b.valueOf(v));
    } else {
      b.write(p, v, 0, (pending.get(p) ?? 0) + 1, line);
    }
  }
  b.exit(1).exit(2).joined(0, 1).joined(0, 2);
  return { b, v };
}

describe('analysis: data races and lost updates', () => {
  it('an unlocked counter reports a data-race even when no update was lost', () => {
    const { b, v } = counterRace('r1 w1 r2 w2 r1 w1 r2 w2');
    assert.equal(b.valueOf(v), 4);
    const report = analyze(b);
    const races = findingsOf(report, 'data-race');
    assert.equal(races.length, 1);
    assert.deepEqual(races[0].objects, ['counter']);
    assert.deepEqual(races[0].processes.sort(), ['Process-1', 'Process-2']);
    assert.deepEqual(races[0].locations, [{ file: '/work/race.ts', line: 14 }, { file: '/work/race.ts', line: 14 }]);
    assert.match(races[0].message, /Data race on counter: Process-\d (reads|writes) at race\.ts:14 and Process-\d (reads|writes) at race\.ts:14/);
    assert.deepEqual(findingsOf(report, 'lost-update'), []);
  });

  it('a lost update is counted as "n increments, m arrived: k lost", matching the final value', () => {
    // Both read 0, both write 1: one increment lost. Then p1 reads 1, p2 reads 1, p2 writes 2,
    // p1 writes 2: another lost.
    const { b, v } = counterRace('r1 r2 w2 w1 r1 r2 w2 w1 r1 w1');
    const report = analyze(b);
    const lost = findingsOf(report, 'lost-update');
    assert.equal(lost.length, 1);
    assert.equal(b.valueOf(v), 3);
    assert.match(lost[0].message, /^counter: 5 increments, 3 arrived: 2 lost/);
    assert.deepEqual(lost[0].locations, [{ file: '/work/race.ts', line: 14 }]);
    const detail = report.lostUpdates[0];
    assert.equal(detail.readModifyWrites - detail.lost, b.valueOf(v));
    assert.equal(detail.updates.length, 2);
    for (const update of detail.updates) {
      assert.equal(update.lost, 1);
      assert.notEqual(update.raceFinding, null);
      assert.equal(report.findings[update.raceFinding!].kind, 'data-race');
      assert.notEqual(update.overwrittenPid, update.pid);
    }
  });

  it('a write that overwrote two others counts two lost updates', () => {
    const { b, v } = counterRace('r1 r2 w2 r2 w2 w1');
    const report = analyze(b);
    assert.equal(b.valueOf(v), 1);
    assert.equal(report.lostUpdates[0].lost, 2);
    assert.match(findingsOf(report, 'lost-update')[0].message, /3 increments, 1 arrived: 2 lost/);
  });

  it('an own write between a read and a write ends that read-modify-write', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    b.begin(0).spawn(0, 1).spawn(0, 2);
    b.read(1, v);
    b.write(1, v, 0, 5);
    b.write(2, v, 0, 6);
    b.write(1, v, 0, 7);
    assert.deepEqual(findingsOf(analyze(b), 'lost-update'), []);
  });

  it('a stale read-modify-write ordered by locks is a lost update without a data race', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    const l = b.lock('L');
    b.begin(0).spawn(0, 1).spawn(0, 2);
    b.acquire(1, l); b.read(1, v); b.release(1, l);
    b.acquire(2, l); b.read(2, v); b.write(2, v, 0, 1); b.release(2, l);
    b.acquire(1, l); b.write(1, v, 0, 1); b.release(1, l);
    const report = analyze(b);
    assert.deepEqual(findingsOf(report, 'data-race'), []);
    assert.equal(report.lostUpdates[0].lost, 1);
    assert.equal(report.lostUpdates[0].updates[0].raceFinding, null);
  });

  it('races on an Array are reported per pair of source lines, with the indices', () => {
    const b = new TraceBuilder();
    const arr = b.array('arr', 4);
    const l10 = b.loc(10);
    const l20 = b.loc(20);
    b.begin(0).spawn(0, 1).spawn(0, 2);
    for (let i = 0; i < 4; i++) b.write(1, arr, i, 1, l10);
    for (let i = 0; i < 4; i++) b.read(2, arr, i, l20);
    const report = analyze(b);
    const races = findingsOf(report, 'data-race');
    assert.equal(races.length, 1);
    assert.match(races[0].message, /Data race on arr\[0, 1, 2, 3\]: Process-1 writes at demo\.ts:10 and Process-2 reads at demo\.ts:20/);
    assert.deepEqual(report.races[0].indices, [0, 1, 2, 3]);
    assert.equal(report.races[0].count, 4);
    assert.deepEqual(races[0].locations.map((l) => l.line), [10, 20]);
  });

  it('different pairs of source lines on one object are separate findings', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    b.begin(0).spawn(0, 1).spawn(0, 2);
    b.write(1, v, 0, 1, b.loc(10));
    b.read(2, v, 0, b.loc(20));
    b.write(1, v, 0, 2, b.loc(11));
    const report = analyze(b);
    assert.equal(findingsOf(report, 'data-race').length, 2);
  });

  it('reads that race only with each other are not a race', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    b.begin(0);
    b.write(0, v, 0, 1);
    b.spawn(0, 1).spawn(0, 2);
    b.read(1, v);
    b.read(2, v);
    b.read(1, v);
    assert.deepEqual(findingsOf(analyze(b), 'data-race'), []);
  });

  it('a write racing with concurrent reads of two workers reports both pairs', () => {
    const b = new TraceBuilder();
    const v = b.value('v');
    b.begin(0).spawn(0, 1).spawn(0, 2).spawn(0, 3);
    b.read(1, v, 0, b.loc(1));
    b.read(2, v, 0, b.loc(2));
    b.write(3, v, 0, 1, b.loc(3));
    const report = analyze(b);
    assert.equal(findingsOf(report, 'data-race').length, 2);
  });
});
