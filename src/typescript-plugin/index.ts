/**
 * The TypeScript server plugin that gives editors the `interleave` module's types.
 *
 * User scripts and the demos `import ... from 'interleave'`, and the runner resolves that import
 * to its own bundle at run time, so nothing is installed in the user's project. The editor's
 * TypeScript server does not know that and underlines the import ("Cannot find module
 * 'interleave'", ts2307). VS Code loads this plugin into its TypeScript server (package.json,
 * contributes.typescriptServerPlugins); it answers the module name 'interleave', only where the
 * project's own resolution found nothing, with the declarations shipped beside it
 * (dist/types/runtime/index.d.ts, emitted by `tsc -b` from src/runtime). A project that installs
 * a package named interleave keeps its own.
 *
 * tsserver loads plugins by package name from the extension's node_modules, so this file is
 * reached through src/typescript-plugin/package.json (a `file:` dependency whose main points at
 * the bundle, dist/typescript-plugin.js).
 */
import type * as ts from 'typescript';
import { declarationsPath, MODULE_NAME, withInterleaveTypes } from './resolve-interleave';

/** tsserver calls the module itself, so the factory is the whole export. */
function init(modules: { typescript: typeof ts }): ts.server.PluginModule {
  return {
    create(info) {
      const host = info.languageServiceHost;
      const resolve = host.resolveModuleNameLiterals?.bind(host);
      if (resolve) {
        host.resolveModuleNameLiterals = withInterleaveTypes(resolve, declarationsPath(__dirname), modules.typescript.Extension.Dts);
        info.project.projectService.logger.info(`interleave-typescript-plugin: '${MODULE_NAME}' resolves to ${declarationsPath(__dirname)}`);
      }
      return info.languageService;
    },
  };
}

export = init;
