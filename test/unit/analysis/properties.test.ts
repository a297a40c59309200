/**
 * Property tests: small random programs (3 workers sharing a Value and a 2-element Array, using
 * Locks, a Semaphore, an Event, a Condition, a Queue, a Barrier and a Pool in random legal
 * interleavings) are simulated into event logs, and the detector is compared with the brute-force
 * transitive-closure oracle.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyzeTrace } from '../../../src/analysis';
import { RECORD_SLOTS } from '../../../src/shared/events';
import { Oracle } from './oracle';
import { TraceBuilder } from './trace-builder';
import { racySlots } from './helpers';

interface Step {
  thread: number;
  op: number;
  arg: number;
}

const WORKERS = [1, 2, 3];
const OPS = 17;

const stepArb: fc.Arbitrary<Step> = fc.record({
  thread: fc.constantFrom(...WORKERS),
  op: fc.integer({ min: 0, max: OPS - 1 }),
  arg: fc.integer({ min: 0, max: 5 }),
});

/** Simulates `steps` as a legal run. `disciplined` wraps every access in lock L0. */
function simulate(steps: Step[], disciplined: boolean, joinAtEnd: boolean): TraceBuilder {
  const b = new TraceBuilder();
  const x = b.value('x');
  const arr = b.array('arr', 2);
  const locations: [number, number][] = [[x, 0], [arr, 0], [arr, 1]];
  const locks = [b.lock('L0'), b.lock('L1')];
  const sem = b.semaphore('S', 0);
  const ev = b.event('E');
  const cond = b.condition('C');
  const q = b.queue('Q');
  const bar = b.barrier('B', WORKERS.length);
  const pool = b.pool('P');
  b.begin(0);
  b.write(0, x, 0, 1);
  for (const w of WORKERS) b.spawn(0, w);

  const holder = new Map<number, number>();
  let permits = 0;
  let puts = 0;
  let gets = 0;
  let notifies = 0;
  const submitted: { id: number; by: number }[] = [];
  const ended: { id: number; by: number }[] = [];

  const access = (t: number, write: boolean, which: number): void => {
    const [obj, index] = locations[which % locations.length];
    const line = b.loc(100 + which * 10 + (write ? 1 : 0) + t * 1000);
    if (disciplined) {
      if (holder.has(locks[0])) return; // someone (maybe t) holds it: skip rather than nest
      b.acquire(t, locks[0]);
    }
    if (write) b.write(t, obj, index, b.valueOf(obj, index) + 1, line);
    else b.read(t, obj, index, line);
    if (disciplined) b.release(t, locks[0]);
  };

  for (const { thread: t, op, arg } of steps) {
    switch (op) {
      case 0: access(t, false, arg); break;
      case 1: access(t, true, arg); break;
      case 2: { const l = locks[arg % 2]; if (!holder.has(l)) { b.acquire(t, l); holder.set(l, t); } break; }
      case 3: { const l = locks[arg % 2]; if (holder.get(l) === t) { b.release(t, l); holder.delete(l); } break; }
      case 4: b.put(t, q); puts++; break;
      case 5: if (gets < puts) { b.get(t, q); gets++; } break;
      case 6: b.set(t, ev); break;
      case 7: b.waited(t, ev); break;
      case 8: b.clear(t, ev); break;
      case 9: b.release(t, sem); permits++; break;
      case 10: if (permits > 0) { b.acquire(t, sem); permits--; } break;
      case 11: b.notify(t, cond); notifies++; break;
      case 12: b.woken(t, cond, notifies === 0); break;
      case 13: {
        const order = arg % 2 === 0 ? WORKERS : [...WORKERS].reverse();
        for (const w of order) b.arrive(w, bar, WORKERS.length);
        for (const w of [...order].reverse()) b.leave(w, bar);
        break;
      }
      case 14: submitted.push({ id: b.submit(t, pool), by: t }); break;
      case 15: {
        const task = submitted.shift();
        if (task) { b.taskStart(t, pool, task.id); access(t, arg % 2 === 0, arg); b.taskEnd(t, pool, task.id); ended.push(task); }
        break;
      }
      case 16: {
        const at = ended.findIndex((task) => task.by === t);
        if (at >= 0) { b.taskResult(t, pool, ended[at].id); ended.splice(at, 1); }
        break;
      }
    }
  }
  if (joinAtEnd) {
    for (const w of WORKERS) b.exit(w);
    for (const w of WORKERS) b.joined(0, w);
    for (let i = 0; i < locations.length; i++) access(0, false, i);
  }
  return b;
}

function oracleSlots(b: TraceBuilder): { oracle: Oracle; slots: Set<string> } {
  const oracle = new Oracle(b.build().events);
  return { oracle, slots: new Set(oracle.races().map((r) => `${r.obj}:${r.index}`)) };
}

const programs = fc.tuple(fc.array(stepArb, { maxLength: 45 }), fc.boolean());

describe('analysis: properties against a brute-force happens-before oracle', () => {
  it('a location is reported racy exactly when the oracle finds a racing pair on it', () => {
    fc.assert(
      fc.property(programs, ([steps, join]) => {
        const b = simulate(steps, false, join);
        const report = analyzeTrace(b.build());
        assert.deepEqual([...racySlots(report)].sort(), [...oracleSlots(b).slots].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('every reported pair is a real race: same location, different workers, a write, unordered', () => {
    fc.assert(
      fc.property(programs, ([steps, join]) => {
        const b = simulate(steps, false, join);
        const trace = b.build();
        const report = analyzeTrace(trace);
        const { oracle } = oracleSlots(b);
        const f = (r: number, s: number): number => trace.events[r * RECORD_SLOTS + s];
        for (const race of report.races) {
          const i = race.first.record;
          const j = race.second.record;
          assert.equal(f(i, 3), f(j, 3));
          assert.equal(f(i, 4), f(j, 4));
          assert.notEqual(f(i, 2), f(j, 2));
          assert.ok(race.first.write || race.second.write);
          assert.ok(oracle.concurrent(i, j), `records ${i} and ${j} are ordered`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('programs that take L0 around every access report no race', () => {
    fc.assert(
      fc.property(programs, ([steps, join]) => {
        const b = simulate(steps, true, join);
        const report = analyzeTrace(b.build());
        assert.equal(oracleSlots(b).slots.size, 0);
        assert.deepEqual(report.findings.filter((x) => x.kind === 'data-race'), []);
      }),
      { numRuns: 100 },
    );
  });

  it('the findings do not depend on the file order of the records', () => {
    fc.assert(
      fc.property(programs, ([steps, join]) => {
        const b = simulate(steps, false, join);
        const inTime = analyzeTrace(b.build('time'));
        const byThread = analyzeTrace(b.build('by-thread'));
        assert.deepEqual([...racySlots(byThread)].sort(), [...racySlots(inTime)].sort());
        assert.deepEqual(byThread.findings.map((x) => x.message).sort(), inTime.findings.map((x) => x.message).sort());
      }),
      { numRuns: 100 },
    );
  });

  it('lost updates of an unlocked counter equal increments minus the final value', () => {
    const schedule = fc.array(fc.constantFrom(...WORKERS), { maxLength: 60 });
    fc.assert(
      fc.property(schedule, (order) => {
        const b = new TraceBuilder();
        const v = b.value('counter');
        b.begin(0);
        for (const w of WORKERS) b.spawn(0, w);
        const pending = new Map<number, number>();
        let increments = 0;
        for (const w of order) {
          const read = pending.get(w);
          if (read === undefined) {
            b.read(w, v);
            pending.set(w, b.valueOf(v));
          } else {
            b.write(w, v, 0, read + 1);
            pending.delete(w);
            increments++;
          }
        }
        const report = analyzeTrace(b.build());
        const lost = report.lostUpdates[0]?.lost ?? 0;
        assert.equal(lost, increments - b.valueOf(v));
        if (lost > 0) assert.match(report.findings.find((x) => x.kind === 'lost-update')!.message, new RegExp(`${increments} increments, ${b.valueOf(v)} arrived: ${lost} lost`));
      }),
      { numRuns: 200 },
    );
  });
});
