/**
 * Analysis of plain programs' shared buffers: cells (neighbouring bytes never race, overlapping
 * views do), Atomics as sequentially consistent synchronisation (a handoff orders plain accesses,
 * and Atomics never race with each other), messages as happens-before edges, per-cell lost
 * updates from per-granule versions, and the walk's ordering of Atomics by version when their
 * times disagree.
 */
import { strict as assert } from 'node:assert';
import { AtomicOp, EventKind, ObjectKind, packAccess } from '../../../src/shared/events';
import { analyze, findingsOf, racySlots } from './helpers';
import { TraceBuilder } from './trace-builder';

/** A builder with the runtime's versions per 8-byte granule of each buffer. */
class Plain {
  readonly b = new TraceBuilder();
  private readonly granules = new Map<string, number>();
  private readonly memory = new Map<string, number>();
  private nextChannelSeq = new Map<number, number>();

  buffer(name: string, bytes: number): number {
    return this.b.object(ObjectKind.SHARED_BUFFER, name, bytes);
  }

  channel(name: string): number {
    return this.b.object(ObjectKind.CHANNEL, name);
  }

  private version(buffer: number, address: number, bump: boolean): number {
    const key = `${buffer}:${Math.floor(address / 8)}`;
    const v = this.granules.get(key) ?? 0;
    if (bump) this.granules.set(key, v + 1);
    return v;
  }

  read(thread: number, buffer: number, address: number, size = 4, loc = -1): number {
    const value = this.memory.get(`${buffer}:${address}`) ?? 0;
    return this.b.emit(EventKind.SHM_READ, thread, buffer, address, value, packAccess(this.version(buffer, address, false), 0, size), loc);
  }

  write(thread: number, buffer: number, address: number, value: number, size = 4, loc = -1): number {
    this.memory.set(`${buffer}:${address}`, value);
    return this.b.emit(EventKind.SHM_WRITE, thread, buffer, address, value, packAccess(this.version(buffer, address, true), 0, size), loc);
  }

  atomic(thread: number, buffer: number, address: number, op: number, value = 0, loc = -1): number {
    const writes = op !== AtomicOp.LOAD && op !== AtomicOp.CAS_FAILED && op !== AtomicOp.WAIT_NOT_EQUAL && op !== AtomicOp.WOKEN;
    const old = this.memory.get(`${buffer}:${address}`) ?? 0;
    if (op === AtomicOp.STORE) this.memory.set(`${buffer}:${address}`, value);
    if (op === AtomicOp.ADD) this.memory.set(`${buffer}:${address}`, old + value);
    return this.b.emit(EventKind.ATOMIC, thread, buffer, address, op === AtomicOp.STORE ? value : old, packAccess(this.version(buffer, address, writes), op, 4), loc);
  }

  send(thread: number, channel: number, receiver: number): number {
    const seq = (this.nextChannelSeq.get(channel) ?? 0) + 1;
    this.nextChannelSeq.set(channel, seq);
    this.b.emit(EventKind.MSG_SEND, thread, channel, seq, receiver);
    return seq;
  }

  receive(thread: number, channel: number, seq: number, sender: number): number {
    return this.b.emit(EventKind.MSG_RECV, thread, channel, seq, sender);
  }

  /** main (0) starts workers 1 and 2. */
  threads(): this {
    this.b.begin(0).spawn(0, 1, 'worker-1').spawn(0, 2, 'worker-2');
    return this;
  }
}

describe('analysis: plain programs\' shared buffers', () => {
  it('two workers writing one Int32 cell with nothing ordering them race', () => {
    const p = new Plain().threads();
    const buf = p.buffer('counter', 4);
    const line = p.b.loc(9, '/work/plain.js');
    p.write(1, buf, 0, 1, 4, line);
    p.write(2, buf, 0, 2, 4, line);
    const races = findingsOf(analyze(p.b), 'data-race');
    assert.equal(races.length, 1);
    assert.match(races[0].message, /Data race on counter\[0\]: worker-\d writes at plain\.js:9 and worker-\d writes at plain\.js:9/);
    assert.deepEqual(races[0].processes.sort(), ['worker-1', 'worker-2']);
  });

  it('writes to neighbouring bytes are not a race: byte-wide accesses make byte cells', () => {
    const p = new Plain().threads();
    const buf = p.buffer('flags', 8);
    p.write(1, buf, 0, 1, 1);
    p.write(2, buf, 1, 1, 1);
    p.write(1, buf, 2, 1, 1);
    assert.deepEqual(findingsOf(analyze(p.b), 'data-race'), []);
  });

  it('views that overlap are the same memory: an Int32 write and a byte read of it race', () => {
    const p = new Plain().threads();
    const buf = p.buffer('shared', 8);
    p.write(1, buf, 4, 7, 4);
    p.read(2, buf, 6, 1);
    const races = findingsOf(analyze(p.b), 'data-race');
    assert.equal(races.length, 1);
    assert.match(races[0].message, /shared byte 6/);
  });

  it('a handoff through Atomics.store and Atomics.load orders the plain accesses around it', () => {
    const p = new Plain().threads();
    const buf = p.buffer('shared', 16);
    p.write(1, buf, 8, 42);
    p.atomic(1, buf, 0, AtomicOp.STORE, 1);
    p.atomic(2, buf, 0, AtomicOp.LOAD);
    p.read(2, buf, 8);
    assert.deepEqual(findingsOf(analyze(p.b), 'data-race'), []);
  });

  it('the same handoff with a plain flag is a race (the check is real)', () => {
    const p = new Plain().threads();
    const buf = p.buffer('shared', 16);
    p.write(1, buf, 8, 42);
    p.write(1, buf, 0, 1);
    p.read(2, buf, 0);
    p.read(2, buf, 8);
    // Both cells race: the flag (cell 0) and the data (cell 2, 4-byte cells).
    assert.deepEqual([...racySlots(analyze(p.b))].sort(), [`${buf}:0`, `${buf}:2`]);
  });

  it('Atomics never race with each other: a load, then another thread\'s store and add', () => {
    const p = new Plain().threads();
    const buf = p.buffer('turn', 4);
    p.atomic(1, buf, 0, AtomicOp.LOAD);
    p.atomic(2, buf, 0, AtomicOp.STORE, 1);
    p.atomic(1, buf, 0, AtomicOp.ADD, 1);
    p.atomic(2, buf, 0, AtomicOp.CAS_FAILED);
    assert.deepEqual(findingsOf(analyze(p.b), 'data-race'), []);
  });

  it('a plain write followed by another thread\'s Atomics operation on that cell, unordered, is a race', () => {
    const p = new Plain().threads();
    const buf = p.buffer('counter', 4);
    p.write(1, buf, 0, 5);
    p.atomic(2, buf, 0, AtomicOp.ADD, 1);
    assert.equal(findingsOf(analyze(p.b), 'data-race').length, 1);
  });

  it('an acquire stamped before the release it saw (cheap times) is still ordered after it, by version', () => {
    const p = new Plain().threads();
    const buf = p.buffer('shared', 16);
    p.b.at(10);
    p.write(1, buf, 8, 42);
    const release = p.atomic(1, buf, 0, AtomicOp.STORE, 1);
    const acquire = p.atomic(2, buf, 0, AtomicOp.LOAD);
    p.read(2, buf, 8);
    // Worker 2's events carry earlier times than worker 1's release.
    p.b.records[release]![0] = 20;
    p.b.records[acquire]![0] = 5;
    p.b.records[acquire + 1]![0] = 6;
    assert.deepEqual(findingsOf(analyze(p.b), 'data-race'), []);
  });

  it('a message orders the sender\'s writes before the receiver\'s reads; its channel is a queue', () => {
    const p = new Plain().threads();
    const buf = p.buffer('results', 16);
    const channel = p.channel('main ⇄ worker-1');
    p.write(1, buf, 0, 3);
    const seq = p.send(1, channel, 0);
    p.receive(0, channel, seq, 1);
    p.read(0, buf, 0);
    const report = analyze(p.b);
    assert.deepEqual(findingsOf(report, 'data-race'), []);
    assert.deepEqual(report.queues, [{ name: 'main ⇄ worker-1', puts: 1, gets: 1 }]);
    assert.equal(report.flows.length, 1);
  });

  it('lost updates are counted per cell: two counters in one 8-byte granule lose nothing of each other', () => {
    const p = new Plain().threads();
    const buf = p.buffer('counters', 8);
    for (let i = 0; i < 3; i++) {
      // Each worker increments its own counter; their versions interleave in the shared granule.
      p.read(1, buf, 0);
      p.read(2, buf, 4);
      p.write(1, buf, 0, i + 1);
      p.write(2, buf, 4, i + 1);
    }
    assert.deepEqual(findingsOf(analyze(p.b), 'lost-update'), []);
  });

  it('a racing read-modify-write loses exactly the updates it overwrote', () => {
    const p = new Plain().threads();
    const buf = p.buffer('counter', 4);
    // r1 r2 w1 w2: both read 0, both write 1: one increment of two arrives.
    p.read(1, buf, 0);
    p.read(2, buf, 0);
    p.write(1, buf, 0, 1);
    p.write(2, buf, 0, 1);
    p.read(1, buf, 0);
    p.write(1, buf, 0, 2);
    const lost = findingsOf(analyze(p.b), 'lost-update');
    assert.equal(lost.length, 1);
    assert.match(lost[0].message, /counter: 3 increments, 2 arrived: 1 lost/);
  });
});
