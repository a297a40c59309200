import assert from 'node:assert/strict';
import { findRunnableFunctions, findWorkerCreation } from './function-finder';

const names = (text: string) => findRunnableFunctions(text).map((f) => f.name);

describe('findRunnableFunctions(text)', () => {
  it('finds exported function declarations, async and generator ones, with their 0-based lines', () => {
    const found = findRunnableFunctions(['// x', 'export function a() {}', 'export async function b(n: number) {}', 'export function* c() {}'].join('\n'));
    assert.deepEqual(found.map((f) => [f.name, f.line, f.params]), [['a', 1, ''], ['b', 2, 'n: number'], ['c', 3, '']]);
  });

  it('finds exported consts holding arrows and function expressions, typed or not', () => {
    const text = [
      'export const a = () => 1;',
      'export const b = async (x: number, y = 2) => x + y;',
      'export const c: (n: number) => void = function (n) {};',
      'export const d = async x => x;',
      'export const e = <T,>(t: T) => t;',
      'export const notAFunction = 42;',
    ].join('\n');
    assert.deepEqual(findRunnableFunctions(text).map((f) => [f.name, f.params]), [
      ['a', ''],
      ['b', 'x: number, y = 2'],
      ['c', 'n'],
      ['d', 'x'],
      ['e', 't: T'],
    ]);
  });

  it('finds CommonJS exports', () => {
    assert.deepEqual(names('exports.work = function () {};\nmodule.exports.other = async (a) => a;'), ['work', 'other']);
  });

  it('reads parameter lists that span lines, without comments', () => {
    const [f] = findRunnableFunctions('export function f(\n  a: number, // first\n  /* second */ b: string,\n) {}');
    assert.equal(f.params.replace(/\s+/g, ' '), 'a: number, b: string,');
  });

  it('skips functions that are not exported, nested, in comments or in template literals', () => {
    const text = [
      'function helper() {}',
      'export function outer() {',
      '  function inner() {}',
      '}',
      '/*',
      'export function commented() {}',
      '*/',
      '// export function lineComment() {}',
      'const t = `',
      'export function templated() {}',
      '`;',
      'export function after() {}',
    ].join('\n');
    assert.deepEqual(names(text), ['outer', 'after']);
  });

  it('marks main, and the functions passed as Process targets or Pool tasks', () => {
    const text = [
      'export function main() { new Process({ target: work, args: [] }); pool.map(cube, xs); }',
      'export function work() {}',
      'export function cube(x) { return x ** 3; }',
      'export function alone() {}',
    ].join('\n');
    assert.deepEqual(findRunnableFunctions(text).map((f) => [f.name, f.isMain, f.isTarget]), [
      ['main', true, false],
      ['work', false, true],
      ['cube', false, true],
      ['alone', false, false],
    ]);
  });

  it('lists a name once', () => {
    assert.deepEqual(names('export function a() {}\nexport function a() {}'), ['a']);
  });
});

describe('findWorkerCreation(text)', () => {
  it('finds the first line that creates a Worker, however it is named', () => {
    assert.equal(findWorkerCreation("const { Worker } = require('node:worker_threads');\n\nnew Worker(__filename);"), 2);
    assert.equal(findWorkerCreation('const w = new threads.Worker(new URL(import.meta.url));'), 0);
  });

  it('ignores comments, template literals and other constructors', () => {
    const text = ['// new Worker(x)', '/* new Worker(y)', '*/', 'const s = `', 'new Worker(z)', '`;', 'new SharedWorker(u); new Workers(v);'].join('\n');
    assert.equal(findWorkerCreation(text), -1);
  });
});
