/**
 * Module bodies compiled once per thread (runner/module-bodies.ts): a warm thread loads the user's
 * script in every run. Pinned here: each load runs the body afresh (its top-level state starts
 * over, with Node's own require, module and exports), the file's lines and columns stay as they
 * are in stack traces, a changed file is compiled anew, and a dynamic import() is left to Node.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileModule } from '../../../src/runner/module-bodies';

const dir = mkdtempSync(join(tmpdir(), 'interleave-module-bodies-'));
let compiles = 0;

/** Loads `filename` as the script loader does, counting how often its code is made. */
function load(filename: string): Record<string, unknown> {
  const module = new Module(filename);
  module.filename = filename;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(filename));
  compileModule(module as unknown as Parameters<typeof compileModule>[0], filename, () => {
    compiles++;
    return readFileSync(filename, 'utf8');
  });
  return module.exports as Record<string, unknown>;
}

describe('module bodies (a warm thread compiles the script once)', () => {
  beforeEach(() => { compiles = 0; });

  it('runs the body afresh at each load: its top-level state starts over', () => {
    const file = join(dir, 'counter.js');
    writeFileSync(file, [
      'let count = 0;',
      'exports.bump = () => ++count;',
      'exports.thisIsExports = this === exports;',
      'exports.dir = __dirname;',
      "exports.join = require('node:path').join;",
    ].join('\n'));
    const first = load(file);
    const second = load(file);
    assert.equal(compiles, 1, 'compiled once');
    assert.equal((first.bump as () => number)(), 1);
    assert.equal((first.bump as () => number)(), 2);
    assert.equal((second.bump as () => number)(), 1, 'the second load has a count of its own');
    assert.equal(second.thisIsExports, true);
    assert.equal(second.dir, dir);
    assert.equal(typeof second.join, 'function');
  });

  it("keeps the file's lines and columns in stack traces", () => {
    const file = join(dir, 'where.js');
    writeFileSync(file, "exports.where = () => new Error('here').stack;\nexports.atLoad = new Error('loading').stack;\n  exports.below = () => new Error('there').stack;\n");
    load(file);
    const again = load(file);
    assert.match((again.where as () => string)(), new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:1:23\\b`));
    assert.match((again.below as () => string)(), new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:3:25\\b`));
    // Made while the module loads: its frames are the file's line 2 and the loader's, none at a line 1 of the file.
    assert.match(again.atLoad as string, new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:2:18\\b`));
    assert.doesNotMatch(again.atLoad as string, new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:1:`));
  });

  it('compiles a changed file anew', () => {
    const file = join(dir, 'changed.js');
    writeFileSync(file, 'exports.version = 1;');
    assert.equal(load(file).version, 1);
    writeFileSync(file, 'exports.version = 22;');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal(load(file).version, 22);
    assert.equal(compiles, 2);
  });

  it('leaves a file with a dynamic import() to Node, which resolves it', async () => {
    const file = join(dir, 'dynamic.js');
    writeFileSync(file, "exports.path = () => import('node:path');");
    const loaded = load(file);
    const path = (await (loaded.path as () => Promise<{ join: unknown }>)());
    assert.equal(typeof path.join, 'function');
  });
});
