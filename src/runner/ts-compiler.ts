/**
 * TypeScript → CommonJS with sucrase, in a bundle of its own (dist/ts-compiler.js) that a worker
 * loads only when a compiled file is not in the cache: most workers of a run never parse it.
 * Sucrase keeps line numbers, so stack traces and recorded locations point at the user's lines.
 */
import { transform } from 'sucrase';

export function compileTypeScript(source: string, filename: string): string {
  const jsx = filename.endsWith('.tsx');
  return transform(source, {
    transforms: jsx ? ['typescript', 'imports', 'jsx'] : ['typescript', 'imports'],
    filePath: filename,
    keepUnusedImports: false,
    production: true,
  }).code;
}
