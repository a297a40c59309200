/**
 * Every worker thread of a run starts here: install the script loader, load the runtime bundle
 * (which picks up its boot data from workerData), and hand over to it.
 */
import { join } from 'node:path';
import { evalWorkerScript, installScriptLoader, loadModule } from './script-loader';

interface ScriptHooks {
  load(url: string, asMain?: boolean): Promise<Record<string, unknown>>;
  evalScript(code: string): void;
}

interface RuntimeInternals {
  __interleaveInternal: { runWorker(hooks: ScriptHooks): Promise<void> };
}

const runtimePath = join(__dirname, 'runtime.js');
const esmHooksPath = join(__dirname, 'esm-hooks.mjs');

installScriptLoader(runtimePath);
const runtime = require(runtimePath) as RuntimeInternals;
void runtime.__interleaveInternal.runWorker({
  load: (url, asMain) => loadModule(url, esmHooksPath, runtimePath, asMain),
  evalScript: (code) => evalWorkerScript(code, runtimePath),
});
