/**
 * module.register hooks for ES-module user scripts: resolves the bare specifier 'interleave' to
 * the runtime bundle. (CommonJS and TypeScript scripts are handled in script-loader.ts.)
 */
let runtimeUrl = '';

export function initialize(data: { runtimeUrl: string }): void {
  runtimeUrl = data.runtimeUrl;
}

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, next: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'interleave') return { url: runtimeUrl, shortCircuit: true };
  return next(specifier, context);
}
