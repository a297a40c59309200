/**
 * The load-time transform passes each direct Atomics call its site (after padding the optional
 * arguments), so the runtime knows the call's line without capturing a stack per call; calls it
 * cannot pad safely keep their arguments and sample a location instead.
 */
import { strict as assert } from 'node:assert';
import { instrumentSource } from '../../../src/runner/instrument';

function transformed(code: string): string {
  const out = instrumentSource(code, '/w/atomics.js', 'script');
  assert.ok(out, 'nothing was instrumented');
  return out.code;
}

describe('Atomics call sites in the load-time transform', () => {
  it('pads optional arguments and appends the site: Atomics.wait(a, 0, 0) gets its timeout slot', () => {
    const code = transformed('Atomics.add(a, 0, 1);\nAtomics.wait(a, 0, 0);\nAtomics.notify(a, 0);\nAtomics.load(a, 0);');
    assert.match(code, /__ilA\.add\(a, 0, 1, __ilS \+ 0\)/);
    assert.match(code, /__ilA\.wait\(a, 0, 0, undefined, __ilS \+ 1\)/);
    assert.match(code, /__ilA\.notify\(a, 0, undefined, __ilS \+ 2\)/);
    assert.match(code, /__ilA\.load\(a, 0, __ilS \+ 3\)/);
  });

  it('registers each call site at its own line and column', () => {
    const out = instrumentSource('let x = 1;\n  Atomics.store(a, 0, 2);', '/w/atomics.js', 'script');
    assert.ok(out);
    assert.match(out.code, /__il\.sites\("\/w\/atomics\.js", \[2,3\]\)/);
  });

  it('keeps the instrumented arguments inside: Atomics.store(a, 0, b[1]) records the read of b[1] too', () => {
    const code = transformed('Atomics.store(a, 0, b[1]);');
    assert.match(code, /^.*__ilA\.store\(a, 0, .*__il\.r\(b, 1, __ilS \+ \d\).*, __ilS \+ \d\)/m);
  });

  it('leaves spread arguments, extra arguments, computed and optional calls without a site', () => {
    const code = transformed('Atomics.add(...args);\nAtomics.load(a, 0, extra);\nAtomics["add"](a, 0, 1);\nAtomics.add?.(a, 0, 1);');
    assert.match(code, /__ilA\.add\(\.\.\.args\);/);
    assert.match(code, /__ilA\.load\(a, 0, extra\);/);
    assert.match(code, /__ilA\["add"\]\(a, 0, 1\);/);
    assert.match(code, /__ilA\.add\?\.\(a, 0, 1\);/);
  });

  it('gives the padded call the same meaning: an untimed wait and an unbounded notify stay so', () => {
    // Run the transformed calls against a stand-in that records the arguments it was given.
    const seen: unknown[][] = [];
    const record = (...args: unknown[]): number => (seen.push(args), 0);
    const code = transformed('Atomics.wait(a, 0, 0);\nAtomics.notify(a, 0);').replace(/^var __il = [^;]*;/, '');
    new Function('__ilA', '__ilS', 'a', code)({ wait: record, notify: record }, 10, 'A');
    assert.deepEqual(seen, [['A', 0, 0, undefined, 10], ['A', 0, undefined, 11]]);
  });
});
