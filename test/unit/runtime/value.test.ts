/** Value against Python's multiprocessing.Value: typecodes, C wrapping, truncation, getLock. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
}

describe('Value typecodes', () => {
  interface Typecodes {
    maxPlusOne: Record<string, number>;
    minusOne: Record<string, number>;
    qWrapped: string;
    qMinusOneAsQ: string;
    qFromNumber: { value: string; type: string };
    qFromFloat: string;
    QType: string;
    intTypes: string[];
    floatF: boolean;
    floatD: number;
    truncPos: number;
    truncNeg: number;
    truncAssigned: number;
    truncWrap: number;
    defaultZero: number;
    unknownX: Thrown | null;
    unknownEmpty: Thrown | null;
    bigintIntoNumberCode: number;
  }
  let run: FixtureRun<Typecodes>;
  before(async () => {
    run = await runFixture<Typecodes>('value-typecodes');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it("wraps integers like C types: Value('b', 127) + 1 is -128, and so on for B h H i I l L", () => {
    assert.deepEqual(run.result.maxPlusOne, { b: -128, B: 0, h: -32768, H: 0, i: -2147483648, I: 0, l: -2147483648, L: 0 });
  });

  it('stores -1 in an unsigned code as its maximum (l/L are 32-bit)', () => {
    assert.deepEqual(run.result.minusOne, { b: -1, B: 255, h: -1, H: 65535, i: -1, I: 4294967295, l: -1, L: 4294967295 });
  });

  it('reads and writes bigint for q and Q, wrapping at 64 bits, and accepts numbers', () => {
    assert.equal(run.result.qWrapped, '-9223372036854775808n');
    assert.equal(run.result.qMinusOneAsQ, '18446744073709551615n');
    assert.deepEqual(run.result.qFromNumber, { value: '5n', type: 'bigint' });
    assert.equal(run.result.qFromFloat, '2n');
    assert.equal(run.result.QType, 'bigint');
  });

  it('reads number for b B h H i I l L f d', () => {
    assert.deepEqual(run.result.intTypes, Array(10).fill('number'));
  });

  it("keeps single precision for 'f' and double for 'd'", () => {
    assert.equal(run.result.floatF, true);
    assert.equal(run.result.floatD, 0.1);
  });

  it('truncates a float written to an integer code toward zero', () => {
    assert.equal(run.result.truncPos, 3);
    assert.equal(run.result.truncNeg, -3);
    assert.equal(run.result.truncAssigned, -2);
    assert.equal(run.result.truncWrap, 44); // 300 wraps to 44 in a signed byte
  });

  it('starts at 0 by default', () => assert.equal(run.result.defaultZero, 0));

  it('throws a TypeError for an unknown typecode', () => {
    assert.equal(run.result.unknownX?.name, 'TypeError');
    assert.match(run.result.unknownX?.message ?? '', /typecode/);
    assert.equal(run.result.unknownEmpty?.name, 'TypeError');
  });

  it('accepts a bigint for a number code', () => assert.equal(run.result.bigintIntoNumberCode, 7));
});

describe('Value.getLock() and Array.getLock()', () => {
  interface Locks {
    isRLock: boolean;
    arrIsRLock: boolean;
    sameLock: boolean;
    reentrant: boolean[];
    counter: number;
    cell: number;
    rawGetLock: Thrown | null;
    rawArrGetLock: Thrown | null;
    rawStillWorks: number;
  }
  let run: FixtureRun<Locks>;
  before(async () => {
    run = await runFixture<Locks>('value-lock');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it("return the object's own RLock, the same one every call, reentrant", () => {
    assert.equal(run.result.isRLock, true);
    assert.equal(run.result.arrIsRLock, true);
    assert.equal(run.result.sameLock, true);
    assert.deepEqual(run.result.reentrant, [true, true, true]);
  });

  it('guard the object across workers: two workers x 500 locked increments end exact', () => {
    assert.equal(run.result.counter, 1000);
    assert.equal(run.result.cell, 1000);
  });

  it('throw for an object made with { lock: false }, which still reads and writes', () => {
    assert.match(run.result.rawGetLock?.message ?? '', /lock/);
    assert.match(run.result.rawArrGetLock?.message ?? '', /lock/);
    assert.equal(run.result.rawStillWorks, 9);
  });
});
