/**
 * Every worker thread of a run starts here: install the script loader, load the runtime bundle
 * (which picks up its boot data from workerData), and hand over to it. A warm thread (workerData
 * `{ interleaveWarm: true }`, see warm-threads.ts) has no boot yet: it serves the runs it is sent.
 */
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { evalWorkerScript, installScriptLoader, loadModule } from './script-loader';

interface ScriptHooks {
  load(url: string, asMain?: boolean): Promise<Record<string, unknown>>;
  evalScript(code: string): void;
}

interface RuntimeInternals {
  __interleaveInternal: {
    runWorker(hooks: ScriptHooks): Promise<void>;
    serveRuns(hooks: ScriptHooks & { forgetModules(): void }): void;
  };
}

const runtimePath = join(__dirname, 'runtime.js');
const esmHooksPath = join(__dirname, 'esm-hooks.mjs');

installScriptLoader(runtimePath);
const runtime = require(runtimePath) as RuntimeInternals;
const hooks: ScriptHooks = {
  load: (url, asMain) => loadModule(url, esmHooksPath, runtimePath, asMain),
  evalScript: (code) => evalWorkerScript(code, runtimePath),
};
if ((workerData as { interleaveWarm?: boolean } | null)?.interleaveWarm === true) {
  // The modules loaded so far are the runner's and the runtime's: every other one is the run's.
  const ours = new Set(Object.keys(require.cache));
  runtime.__interleaveInternal.serveRuns({
    ...hooks,
    forgetModules: () => {
      for (const key of Object.keys(require.cache)) if (!ours.has(key)) delete require.cache[key];
    },
  });
} else {
  void runtime.__interleaveInternal.runWorker(hooks);
}
