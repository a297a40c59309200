/**
 * Finds functions by export, as Python's spawn start method re-imports __main__: a Process target,
 * a Pool task or a Barrier action crosses threads as (module URL, export name), and the receiving
 * worker imports that module afresh and takes the export.
 *
 * The runner registers the user's script namespace here (and every user module it loads), so
 * that `exportOf(fn)` can name a function the user passed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forgetEachRun } from './run-scope';

const namespaces = new Map<string, Record<string, unknown>>();
let mainUrl = '';

/** Loads a module by URL; `asMain`: as the program's main module (require.main). */
export type ModuleLoader = (url: string, asMain?: boolean) => Promise<Record<string, unknown>>;
// The next run imports the script afresh (its module state is that run's), as a new thread would.
forgetEachRun(() => {
  namespaces.clear();
  mainUrl = '';
});

let loader: ModuleLoader = async (url) => (await import(url)) as Record<string, unknown>;

/** The runner's loader (TypeScript, the 'interleave' specifier); set before user code loads. */
export function setModuleLoader(load: ModuleLoader): void {
  loader = load;
}

/**
 * Imports a user module through the runner's loader, once per worker. `isMain`: it is the run's
 * script; `asMain`: and this thread is the program's main thread, where it is require.main.
 */
export async function importModule(url: string, isMain = false, asMain = false): Promise<Record<string, unknown>> {
  // The main url is known before the script evaluates, for Process starts at its top level.
  if (isMain) mainUrl = url;
  let namespace = namespaces.get(url);
  if (!namespace) {
    namespace = await loader(url, asMain);
    registerModule(url, namespace);
  }
  return namespace;
}

export function registerModule(url: string, namespace: Record<string, unknown>, isMain = false): void {
  namespaces.set(url, namespace);
  if (isMain) mainUrl = url;
}

export function mainModuleUrl(): string {
  return mainUrl;
}

import type { ExportRef } from '../shared/worker-protocol';
export type { ExportRef };

/** Where `fn` is exported from, or null when no registered module exports it. */
export function exportOf(fn: unknown): ExportRef | null {
  if (typeof fn !== 'function') return null;
  for (const [url, namespace] of namespaces) {
    for (const name of Object.keys(namespace)) {
      let value: unknown;
      try {
        value = namespace[name];
      } catch {
        continue; // an export still in its temporal dead zone while the module evaluates
      }
      if (value === fn) return { url, name };
    }
  }
  return null;
}

/**
 * Like exportOf, but when the function is not found (e.g. called from the script's top level,
 * before its exports are complete) falls back to the main script and the function's own name;
 * the receiving worker checks that this export exists and reports clearly if not.
 */
export function requireExport(fn: unknown, what: string): ExportRef {
  if (typeof fn !== 'function') throw new TypeError(`interleave: ${what} must be a function, got ${typeof fn}`);
  const found = exportOf(fn);
  if (found) return found;
  if (fn.name && mainUrl) return { url: mainUrl, name: fn.name };
  throw new TypeError(
    `interleave: ${what} ${fn.name ? `'${fn.name}' ` : ''}must be an exported function of your script ` +
      '(write `export function name(...)`), because each worker imports the script afresh and calls it by name',
  );
}

export class NotExportedError extends Error {
  override name = 'NotExportedError';
}

/** Loads `ref` in this worker: imports the module and takes the export. */
export async function loadExport(ref: ExportRef, what: string): Promise<(...args: unknown[]) => unknown> {
  const namespace = await importModule(ref.url);
  const value = namespace[ref.name] ?? (namespace.default as Record<string, unknown> | undefined)?.[ref.name];
  if (typeof value !== 'function') {
    const error = new NotExportedError(
      `${what} '${ref.name}' is not exported by ${ref.url.replace(/^file:\/\//, '')}: add \`export\` to its declaration`,
    );
    // Point the finding at the declaration that needs the `export`.
    const where = declarationOf(ref);
    if (where) error.stack = `${error.name}: ${error.message}\n    at ${where}`;
    throw error;
  }
  return value as (...args: unknown[]) => unknown;
}

/** Synchronous lookup in modules this worker has already loaded. */
export function findLoadedExport(ref: ExportRef): ((...args: unknown[]) => unknown) | null {
  const namespace = namespaces.get(ref.url);
  const value = namespace?.[ref.name];
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown) : null;
}

/** "file:line:column" of the declaration of `ref.name` in its module's source, or null. */
function declarationOf(ref: ExportRef): string | null {
  try {
    const path = fileURLToPath(ref.url);
    const name = ref.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const declaration = new RegExp(`\\b(?:function\\s*\\*?\\s*|class\\s+|(?:const|let|var)\\s+)${name}\\b`);
    const lines = readFileSync(path, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const match = declaration.exec(lines[i]!);
      if (match) return `${path}:${i + 1}:${match.index + 1}`;
    }
  } catch {
    // not a file we can read: the message alone has to do
  }
  return null;
}
