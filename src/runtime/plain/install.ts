/**
 * Installs the instrumentation of plain worker_threads programs in a thread of a run, before any
 * of the program's code loads: the shared-view marks, DataView and bulk typed-array methods, the
 * worker_threads module the program sees, and the helper object instrumented code calls
 * (`globalThis[Symbol.for('interleave.plain')]`, read once by each module's prelude).
 */
import type { WorkerBoot } from '../../shared/worker-protocol';
import { rt } from '../context';
import { plainAtomics } from './atomics';
import { markInternal, registerBuffer } from './buffers';
import { installBulkMethods } from './bulk';
import { installDataViews } from './dataview';
import { compoundAny, logicalAny, read, readAny, update, updateAny, write, writeAny } from './memory';
import { setPlainRecorder } from './record';
import { registerSites, setSitesOff, siteLoc } from './sites';
import { patchThreadsModule } from './threads-module';
import { MARK, installViewMarks } from './views';

export const PLAIN_HELPERS = Symbol.for('interleave.plain');

/** What instrumented code calls (see runner/instrument.ts for each call's shape). */
const helpers = Object.freeze({
  M: MARK,
  Atomics: plainAtomics,
  sites: registerSites,
  r: read,
  w: write,
  u: update,
  rg: readAny,
  wg: writeAny,
  ug: updateAny,
  cg: compoundAny,
  lg: logicalAny,
  /** A new SharedArrayBuffer, registered with its name and where it was made. */
  sab(buffer: unknown, site: number, name: string): unknown {
    if (buffer instanceof SharedArrayBuffer) registerBuffer(buffer, name, siteLoc(site));
    return buffer;
  },
});

export function installPlain(boot: WorkerBoot, threadId: number, workerData: unknown): void {
  for (const buffer of [boot.memory.control, boot.memory.heap, boot.memory.doorbell, boot.memory.plain, boot.ring]) markInternal(buffer);
  setPlainRecorder(rt().recorder);
  setSitesOff(boot.locations === 'off');
  installViewMarks();
  installDataViews();
  installBulkMethods();
  patchThreadsModule(boot, threadId, workerData);
  // Defined once per thread (a warm thread installs again for each run: the helpers are the same).
  if (!Object.hasOwn(globalThis, PLAIN_HELPERS)) {
    Object.defineProperty(globalThis, PLAIN_HELPERS, { value: helpers, enumerable: false, configurable: false, writable: false });
  }
}
