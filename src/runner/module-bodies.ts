/**
 * Each user module's body compiled once per thread and run afresh at every load. A warm thread
 * loads the script again in each run (runtime/warm-thread.ts) and Node compiles a CommonJS module
 * anew each time (~0.1–0.3 ms a module here, a tenth of a small scheduled run). Running the same
 * compiled function again gives the module a new scope, as a new load does: its top-level
 * variables are that call's locals.
 *
 * Node still loads the module (its Module object, its own `require`, the cache): what it compiles
 * is a one-line stand-in that hands those to the body. The body is keyed by the file's path, size
 * and modification time, so a file changed on disk is compiled anew.
 *
 * Not for code with a dynamic import(): a body compiled here would resolve it against nothing
 * (Node's loader gives its own modules a resolver this module cannot), so such a file is
 * compiled by Node as usual.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

type ModuleBody = (exports: unknown, require: unknown, module: unknown, filename: string, dirname: string) => unknown;
export interface CompilingModule {
  /** Set by Node's loader before it compiles the module. */
  filename: string;
  _compile(code: string, filename: string): void;
}

const RUN_BODY = Symbol.for('interleave.runModuleBody');
/**
 * What Node compiles in place of the file: it calls the body with Node's own require and module.
 * Named apart from the file, so that no stack shows a frame at a line 1 the user did not write.
 */
const STAND_IN = `return globalThis[Symbol.for('interleave.runModuleBody')](this, exports, require, module);`;
const STAND_IN_NAME = 'interleave:module-body';
const DYNAMIC_IMPORT = /\bimport\s*\(/;

const bodies = new Map<string, { mtimeMs: number; size: number; code: string; body: ModuleBody | null }>();

(globalThis as Record<symbol, unknown>)[RUN_BODY] = (self: unknown, exports: unknown, require: unknown, module: { filename: string }): unknown =>
  bodies.get(module.filename)!.body!.call(self, exports, require, module, module.filename, dirname(module.filename));

/** Loads `module` from `filename`, whose code `load` makes (compiled TypeScript, instrumented). */
export function compileModule(module: CompilingModule, filename: string, load: () => string): void {
  const stat = statSync(filename, { throwIfNoEntry: false });
  let known = bodies.get(filename);
  if (!stat || !known || known.mtimeMs !== stat.mtimeMs || known.size !== stat.size) {
    const code = load();
    // A file that cannot be stat'ed cannot be known again: Node compiles it, so no body is made.
    const body = stat && !DYNAMIC_IMPORT.test(code) ? compileBody(code, filename) : null;
    known = { mtimeMs: stat?.mtimeMs ?? -1, size: stat?.size ?? -1, code, body };
    if (stat) bodies.set(filename, known);
    else bodies.delete(filename);
  }
  if (known.body === null) module._compile(known.code, filename);
  else module._compile(STAND_IN, STAND_IN_NAME);
}

/** The body as a function, or null when it does not compile: Node then compiles it and reports the error as always. */
function compileBody(code: string, filename: string): ModuleBody | null {
  // The wrapper on a line of its own, counted as line 0: the code's lines and columns are the file's.
  const source = `(function (exports, require, module, __filename, __dirname) {\n${code}\n})`;
  try {
    return new Script(source, { filename, lineOffset: -1 }).runInThisContext() as ModuleBody;
  } catch {
    return null;
  }
}
