/**
 * How a worker loads the user's script and its local imports: TypeScript or JavaScript, CommonJS
 * or ESM, with `import ... from 'interleave'` resolved to the runtime bundle, so users install
 * nothing.
 *
 * - TypeScript (.ts .tsx .cts .mts) is compiled by sucrase to CommonJS as it is required. Sucrase
 *   keeps line numbers, so stack traces and recorded locations point at the user's lines.
 * - .js/.cjs load as Node loads them; a CommonJS `require('interleave')` is redirected here.
 * - ESM (.mjs, or .js under "type": "module") loads with import(), and a module.register hook
 *   (esm-hooks.ts) redirects the 'interleave' specifier.
 * - Every file of the program (not node_modules) is instrumented as it loads, after TypeScript is
 *   compiled (instrument.ts: shared-memory accesses and Atomics of plain worker_threads code).
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import Module from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { CompileCache } from './compile-cache';
import { compileModule } from './module-bodies';
import { SourceInstrumentation } from './source-instrumentation';

const TS_EXTENSIONS = ['.ts', '.tsx', '.cts', '.mts'];

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _extensions: Record<string, (module: { filename: string; _compile(code: string, filename: string): void }, filename: string) => void>;
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

let installed = false;
let instrumentation: SourceInstrumentation | null = null;

function instrumentationFor(runtimePath: string): SourceInstrumentation {
  instrumentation ??= new SourceInstrumentation(join(dirname(runtimePath), 'instrument.js'), (path) => require(path));
  return instrumentation;
}

export function installScriptLoader(runtimePath: string): void {
  if (installed) return;
  installed = true;
  const internals = Module as unknown as ModuleInternals;
  const resolve = internals._resolveFilename.bind(Module);
  internals._resolveFilename = (request, parent, isMain, options) => {
    if (request === 'interleave') return runtimePath;
    try {
      return resolve(request, parent, isMain, options);
    } catch (error) {
      // TypeScript style: './util' or './util.js' naming './util.ts'.
      const alternative = typeScriptAlternative(request, parent);
      if (alternative) return alternative;
      throw pointAtImport(error, request, parent);
    }
  };
  const compilerPath = join(dirname(runtimePath), 'ts-compiler.js');
  const compilerStat = statSync(compilerPath, { throwIfNoEntry: false });
  const cache = CompileCache.inTempDir(`${compilerPath}:${compilerStat?.mtimeMs ?? 0}:${compilerStat?.size ?? 0}`);
  const compile = (source: string, filename: string): string => {
    const compiler = require(compilerPath) as typeof import('./ts-compiler');
    return compiler.compileTypeScript(source, filename);
  };
  const instrument = instrumentationFor(runtimePath);
  for (const extension of TS_EXTENSIONS) {
    internals._extensions[extension] = (module, filename) => {
      compileModule(module, filename, () => {
        const source = readFileSync(filename, 'utf8');
        let code: string;
        try {
          code = cache.get(filename, source, () => compile(source, filename));
        } catch (error) {
          throw pointAtSyntaxError(error, filename);
        }
        return instrument.apply(code, filename, 'script');
      });
    };
  }
  for (const extension of ['.js', '.cjs']) {
    const native = internals._extensions[extension]!;
    internals._extensions[extension] = (module, filename) => {
      // An ES module required by mistake: Node's own loader says so (ERR_REQUIRE_ESM).
      if (!instrument.covers(filename) || (extension === '.js' && isEsmFile(filename))) return native(module, filename);
      compileModule(module, filename, () => instrument.apply(stripBom(readFileSync(filename, 'utf8')), filename, 'script'));
    };
  }
}

function stripBom(source: string): string {
  return source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
}

/**
 * Runs a Worker's `{ eval: true }` code as Node runs it: a script in the thread's global scope,
 * with require, module, exports, __filename and __dirname as globals (named '[worker eval]').
 */
export function evalWorkerScript(code: string, runtimePath: string): void {
  const filename = join(process.cwd(), '[worker eval]');
  const module = new Module(filename);
  module.filename = filename;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(process.cwd());
  const globals = globalThis as Record<string, unknown>;
  globals.module = module;
  globals.exports = module.exports;
  globals.require = Module.createRequire(filename);
  globals.__filename = '[worker eval]';
  globals.__dirname = '.';
  runInThisContext(instrumentationFor(runtimePath).apply(code, filename, 'script'), { filename: '[worker eval]' });
}

/**
 * A sucrase parse error, with a stack frame at the user's line and column, so the worker-error
 * finding points at it (sucrase's own frames are all inside the runner bundle).
 */
function pointAtSyntaxError(error: unknown, filename: string): unknown {
  const loc = (error as { loc?: { line: number; column: number } } | null)?.loc;
  if (!(error instanceof Error) || !loc) return error;
  error.stack = `${error.name}: ${error.message}\n    at ${filename}:${loc.line}:${loc.column}`;
  return error;
}

/**
 * A failed import of a user module, with a stack frame at the import's line, so the worker-error
 * finding points at it (Node's own frames are all inside its loader).
 */
function pointAtImport(error: unknown, request: string, parent: unknown): unknown {
  const from = (parent as { filename?: string } | null)?.filename;
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') return error;
  if (!from || /[\\/]node_modules[\\/]/.test(from) || !existsSync(from)) return error;
  try {
    const lines = readFileSync(from, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const column = Math.max(lines[i]!.indexOf(`'${request}'`), lines[i]!.indexOf(`"${request}"`), lines[i]!.indexOf(`\`${request}\``));
      if (column < 0) continue;
      const frame = `    at ${from}:${i + 1}:${column + 1}`;
      const stack = error.stack ?? `${error.name}: ${error.message}`;
      const firstFrame = stack.search(/\n\s+at /);
      error.stack = firstFrame < 0 ? `${stack}\n${frame}` : `${stack.slice(0, firstFrame)}\n${frame}${stack.slice(firstFrame)}`;
      break;
    }
  } catch {
    // no location, the message still names the module
  }
  return error;
}

function typeScriptAlternative(request: string, parent: unknown): string | null {
  if (!request.startsWith('.')) return null;
  const from = (parent as { filename?: string } | null)?.filename;
  if (!from) return null;
  const base = join(dirname(from), request);
  const stem = base.replace(/\.(c|m)?js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, `${stem}.cts`, `${stem}.mts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Whether Node would load this file as an ES module. */
export function isEsmFile(path: string): boolean {
  const extension = extname(path);
  if (extension === '.mjs') return true;
  if (extension !== '.js') return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

let esmHooksRegistered = false;

/**
 * Loads a module by file URL: require() for CommonJS and TypeScript, import() for ESM. `asMain`
 * loads a CommonJS file as the program's main module (`require.main === module`, as `node FILE`).
 */
export async function loadModule(url: string, esmHooksPath: string, runtimePath: string, asMain = false): Promise<Record<string, unknown>> {
  const path = fileURLToPath(url);
  if (isEsmFile(path)) {
    if (!esmHooksRegistered) {
      esmHooksRegistered = true;
      Module.register(pathToFileURL(esmHooksPath), {
        data: { runtimeUrl: pathToFileURL(runtimePath).href, instrumentPath: join(dirname(runtimePath), 'instrument.js') },
      });
    }
    return (await import(url)) as Record<string, unknown>;
  }
  const exported = (asMain ? (Module as unknown as ModuleInternals)._load(path, null, true) : require(path)) as unknown;
  return (typeof exported === 'object' || typeof exported === 'function') && exported !== null
    ? (exported as Record<string, unknown>)
    : { default: exported };
}
