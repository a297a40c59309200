/**
 * Every worker thread of a run starts here: install the script loader, load the runtime bundle
 * (which picks up its boot data from workerData), and hand over to it.
 */
import { join } from 'node:path';
import { installScriptLoader, loadModule } from './script-loader';

interface RuntimeInternals {
  __interleaveInternal: { runWorker(load: (url: string) => Promise<Record<string, unknown>>): Promise<void> };
}

const runtimePath = join(__dirname, 'runtime.js');
const esmHooksPath = join(__dirname, 'esm-hooks.mjs');

installScriptLoader(runtimePath);
const runtime = require(runtimePath) as RuntimeInternals;
void runtime.__interleaveInternal.runWorker((url) => loadModule(url, esmHooksPath, runtimePath));
