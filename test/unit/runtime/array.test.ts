/** Array / SharedArray against Python's multiprocessing.Array. */
import { strict as assert } from 'node:assert';
import { assertCleanRun, runFixture, type FixtureRun } from '../run-fixture';

interface Thrown {
  name: string;
  message: string;
  instance?: boolean;
}

interface ArrayBasics {
  sameClass: boolean;
  length: number;
  first: number;
  afterWrites: number[];
  copyIsIndependent: boolean;
  isPlainArray: boolean;
  slice: number[];
  sliceFrom: number[];
  sliceNegative: number[];
  sliceToNegative: number[];
  spread: number[];
  iterated: number[];
  wrapped: number[];
  big: string[];
  bigType: string;
  zeros: number[];
  has: boolean[];
  readPastEnd: Thrown | null;
  writePastEnd: Thrown | null;
  readNegative: Thrown | null;
  writeNegative: Thrown | null;
  readFraction: Thrown | null;
  getPastEnd: Thrown | null;
  negativeSize: Thrown | null;
  unknownCode: Thrown | null;
  fromChild: number[];
}

describe('Array (SharedArray)', () => {
  let run: FixtureRun<ArrayBasics>;
  before(async () => {
    run = await runFixture<ArrayBasics>('array-basics');
  });

  it('runs to a clean end', () => assertCleanRun(run));

  it('is exported under both names', () => assert.equal(run.result.sameClass, true));

  it('indexes with arr[i] and has a length', () => {
    assert.equal(run.result.length, 5);
    assert.equal(run.result.first, 1);
  });

  it('writes arr[i] = v with C semantics (floats truncate)', () => {
    assert.deepEqual(run.result.afterWrites, [1, 20, 3, 4, 5]);
  });

  it('toArray() returns an independent plain copy (Python arr[:])', () => {
    assert.equal(run.result.copyIsIndependent, true);
    assert.equal(run.result.isPlainArray, true);
  });

  it('slice(start?, end?) copies like Python slicing, negative indices included', () => {
    assert.deepEqual(run.result.slice, [20, 3]);
    assert.deepEqual(run.result.sliceFrom, [4, 5]);
    assert.deepEqual(run.result.sliceNegative, [4, 5]);
    assert.deepEqual(run.result.sliceToNegative, [1, 20]);
  });

  it('is iterable (for-of and spread)', () => {
    assert.deepEqual(run.result.iterated, [1, 2, 3, 4, 5]);
    assert.deepEqual(run.result.spread, [1, 20, 3, 4, 5]);
  });

  it('wraps like C types and holds bigint for q', () => {
    assert.deepEqual(run.result.wrapped, [127, -56, 127]);
    assert.deepEqual(run.result.big, ['1n', '2n']);
    assert.equal(run.result.bigType, 'bigint');
  });

  it('Array(code, n) is n zeros', () => assert.deepEqual(run.result.zeros, [0, 0, 0]));

  it("'in' is true exactly for 0..length-1", () => assert.deepEqual(run.result.has, [true, true, false]));

  it('throws a RangeError for an index past the end, reading or writing (Python IndexError)', () => {
    for (const t of [run.result.readPastEnd, run.result.writePastEnd, run.result.getPastEnd]) {
      assert.equal(t?.instance, true, JSON.stringify(t));
    }
  });

  it('throws a RangeError for a negative or fractional index, reading or writing', () => {
    for (const t of [run.result.readNegative, run.result.writeNegative, run.result.readFraction]) {
      assert.equal(t?.instance, true, JSON.stringify(t));
    }
  });

  it('throws for a negative size and an unknown typecode', () => {
    assert.equal(run.result.negativeSize?.instance, true);
    assert.equal(run.result.unknownCode?.name, 'TypeError');
  });

  it('is the same memory in a Process: its writes are seen after join()', () => {
    assert.deepEqual(run.result.fromChild, [0, 10, 20, 30]);
  });
});
