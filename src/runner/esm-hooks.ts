/**
 * module.register hooks for ES-module user scripts: resolves the bare specifier 'interleave' to
 * the runtime bundle, and instruments the program's own modules as they load (instrument.ts,
 * through source-instrumentation.ts). CommonJS and TypeScript are handled in script-loader.ts.
 * These hooks run on Node's loader thread, apart from the program's threads.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SourceInstrumentation } from './source-instrumentation';

let runtimeUrl = '';
let instrumentation: SourceInstrumentation | null = null;

export function initialize(data: { runtimeUrl: string; instrumentPath?: string }): void {
  runtimeUrl = data.runtimeUrl;
  if (data.instrumentPath) {
    const load = createRequire(data.instrumentPath);
    instrumentation = new SourceInstrumentation(data.instrumentPath, (path) => load(path));
  }
}

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, next: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'interleave') return { url: runtimeUrl, shortCircuit: true };
  return next(specifier, context);
}

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;

export async function load(url: string, context: unknown, next: NextLoad): Promise<LoadResult> {
  const result = await next(url, context);
  if (!instrumentation || result.format !== 'module' || !url.startsWith('file:') || result.source == null) return result;
  const filename = fileURLToPath(url);
  if (!instrumentation.covers(filename)) return result;
  const source = typeof result.source === 'string' ? result.source : new TextDecoder().decode(result.source as ArrayBuffer);
  return { ...result, source: instrumentation.apply(source, filename, 'module') };
}
