import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { makeWrapperScript, parseArgsInput } from './wrapper-script';

describe('makeWrapperScript(req)', () => {
  const script = makeWrapperScript({ modulePath: '/home/u/my "app"/work.ts', functionName: 'spin', workers: 3, args: [1, 'a', { n: 2 }] });

  it('is valid TypeScript', () => {
    assert.doesNotThrow(() => transformSync(script, { loader: 'ts', format: 'esm' }));
  });

  it('imports the function from the exact file, re-exports it, and starts N Processes with it as target', () => {
    assert.ok(script.includes(`import { spin } from "/home/u/my \\"app\\"/work.ts";`));
    assert.match(script, /export \{ spin \};/);
    assert.match(script, /length: 3/);
    assert.match(script, /target: spin, args/);
    assert.match(script, /const args = \[1,"a",\{"n":2\}\];/);
  });

  it('refuses a name that is not an identifier', () => {
    assert.throws(() => makeWrapperScript({ modulePath: '/a.ts', functionName: 'x}; evil(); {', workers: 1, args: [] }));
  });

  it('runs at least one worker', () => {
    assert.match(makeWrapperScript({ modulePath: '/a.ts', functionName: 'f', workers: 0, args: [] }), /length: 1/);
  });
});

describe('parseArgsInput(text)', () => {
  it('reads comma-separated JSON values, a JSON array, or nothing', () => {
    assert.deepEqual(parseArgsInput('1000, "a"'), [1000, 'a']);
    assert.deepEqual(parseArgsInput('[1, 2]'), [1, 2]);
    assert.deepEqual(parseArgsInput('[[1, 2]]'), [[1, 2]]);
    assert.deepEqual(parseArgsInput('  '), []);
  });

  it('throws on text that is not JSON', () => {
    assert.throws(() => parseArgsInput('x + 1'));
  });
});
