// Builds every bundle with esbuild. Type checking is separate: `npm run typecheck` (tsc -b).
// Usage: node build.mjs [--watch] [--production] [--types]
// --types (implied by --production) also writes the `interleave` module's declarations to
// dist/types, which the TypeScript server plugin gives to editors (src/typescript-plugin).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const types = production || process.argv.includes('--types');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Node-side bundles: the runtime module users import, the runner, its workers and the CLI. */
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
};

const builds = [
  // The `interleave` module user scripts import; the runner resolves the import to this file.
  { ...node, entryPoints: { runtime: 'src/runtime/index.ts' }, outdir: 'dist' },
  // Every worker thread of a run starts here.
  { ...node, entryPoints: { worker: 'src/runner/worker-main.ts' }, outdir: 'dist' },
  // The TypeScript compiler (sucrase), loaded by a worker only on a compile-cache miss.
  { ...node, entryPoints: { 'ts-compiler': 'src/runner/ts-compiler.ts' }, outdir: 'dist' },
  // The load-time transform of plain programs' sources (acorn), loaded by a worker on a cache miss.
  { ...node, entryPoints: { instrument: 'src/runner/instrument.ts' }, outdir: 'dist' },
  // module.register hooks for ES-module user scripts (loaded by URL, so ESM).
  { ...node, format: 'esm', entryPoints: { 'esm-hooks': 'src/runner/esm-hooks.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' } },
  // The CLI (package bin) and the runner child process the extension starts.
  { ...node, entryPoints: { cli: 'src/runner/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The VS Code extension host side.
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  // The TypeScript server plugin (loaded by VS Code's tsserver, not by the extension host).
  { ...node, entryPoints: { 'typescript-plugin': 'src/typescript-plugin/index.ts' }, outdir: 'dist' },
  // The timeline webview (browser).
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'media',
  },
];

const present = builds.filter((b) => Object.values(b.entryPoints).every((p) => existsSync(p)));

if (watch) {
  for (const b of present) await (await esbuild.context(b)).watch();
} else {
  // Build everything even when one bundle fails, so errors of all bundles show at once.
  const results = await Promise.allSettled(present.map((b) => esbuild.build(b)));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
}

/**
 * The runtime's declarations, as `tsc -b` emits them (out/types: runtime's import shared's by
 * relative paths), copied to dist/types so that they ship in the VSIX.
 */
function writeDeclarations() {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'src/runtime'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(1);
  rmSync('dist/types', { recursive: true, force: true });
  for (const part of ['runtime', 'shared']) {
    cpSync(`out/types/${part}`, `dist/types/${part}`, { recursive: true, filter: (src) => !src.endsWith('.tsbuildinfo') && !src.endsWith('.map') });
  }
}

if (types && !watch) writeDeclarations();
