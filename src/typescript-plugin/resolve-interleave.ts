/**
 * How the TypeScript server plugin answers the module name 'interleave' (index.ts wires it in):
 * only where the project's own resolution found nothing, with the declarations shipped beside the
 * plugin's bundle. Kept apart from index.ts, which must export the factory alone (`export =`).
 */
import { join } from 'node:path';
import type * as ts from 'typescript';

/** The bare module name the runner resolves to its runtime. */
export const MODULE_NAME = 'interleave';

/** Where the declarations sit relative to the bundle (dist/typescript-plugin.js). */
export function declarationsPath(bundleDir: string): string {
  return join(bundleDir, 'types', 'runtime', 'index.d.ts');
}

type ResolveLiterals = NonNullable<ts.LanguageServiceHost['resolveModuleNameLiterals']>;

/**
 * Wraps a host's module resolution: a literal 'interleave' that resolved to nothing resolves to
 * the declarations; every other answer is the host's own.
 */
export function withInterleaveTypes(resolve: ResolveLiterals, declarations: string, dts: ts.Extension): ResolveLiterals {
  return (literals, ...rest) => {
    const answers = resolve(literals, ...rest);
    return answers.map((answer, i) =>
      literals[i]?.text === MODULE_NAME && !answer.resolvedModule
        ? { resolvedModule: { resolvedFileName: declarations, extension: dts, isExternalLibraryImport: true } }
        : answer,
    );
  };
}
