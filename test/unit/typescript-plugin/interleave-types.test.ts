/**
 * The TypeScript server plugin's module resolution, with the real TypeScript compiler and the
 * declarations `tsc -b src/runtime` emits (what build.mjs copies to dist/types for the VSIX): a
 * script that imports 'interleave' type-checks against the real API, and a project that has its
 * own package of that name keeps it. The real editor is checked in the in-VS-Code suite.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { withInterleaveTypes } from '../../../src/typescript-plugin/resolve-interleave';
import { ROOT } from '../run-fixture';

const DECLARATIONS = join(ROOT, 'out/types/runtime/index.d.ts');

/** Error codes of `file`'s semantic diagnostics, compiled as the TypeScript server would. */
function errorCodes(file: string, withPlugin: boolean): number[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: [] };
  const host = ts.createCompilerHost(options);
  const own: NonNullable<ts.CompilerHost['resolveModuleNameLiterals']> = (literals, containingFile, _ref, opts) =>
    literals.map((l) => ts.resolveModuleName(l.text, containingFile, opts, host));
  host.resolveModuleNameLiterals = withPlugin ? withInterleaveTypes(own, DECLARATIONS, ts.Extension.Dts) : own;
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => d.code);
}

describe('TypeScript server plugin: the editor gets the interleave module\u2019s types', function () {
  this.timeout(120_000);
  let dir = '';

  before(() => {
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', join(ROOT, 'src/runtime')], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    dir = mkdtempSync(join(tmpdir(), 'interleave-types-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves an unresolved import of interleave to the real declarations (ts2307 gone, a wrong type still caught)', () => {
    const script = join(dir, 'script.ts');
    // Value<'i'>.value is a number: assigning it to a string is error 2322, which only the real
    // declarations can report.
    writeFileSync(script, "import { Value, Lock, Process } from 'interleave';\nconst v = new Value('i', 0);\nconst lock = new Lock();\nnew Process({ target: () => lock.acquire() });\nexport const wrong: string = v.value;\n");
    assert.deepEqual(errorCodes(script, false).filter((c) => c === 2307), [2307], 'without the plugin the import is unresolved');
    assert.deepEqual(errorCodes(script, true), [2322]);
  });

  it('leaves a project\u2019s own package named interleave alone', () => {
    const project = join(dir, 'own');
    mkdirSync(join(project, 'node_modules/interleave'), { recursive: true });
    writeFileSync(join(project, 'node_modules/interleave/package.json'), '{ "name": "interleave", "types": "index.d.ts" }');
    writeFileSync(join(project, 'node_modules/interleave/index.d.ts'), 'export declare const own: 1;\n');
    const script = join(project, 'script.ts');
    writeFileSync(script, "import { own } from 'interleave';\nexport const one: 1 = own;\n");
    assert.deepEqual(errorCodes(script, true), []);
  });
});
