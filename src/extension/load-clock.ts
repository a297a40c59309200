/**
 * Activation time, measured as VS Code's "Running Extensions" view splits it: loading the code
 * (evaluating this bundle, imports included) plus the activate() call. The time in between is
 * VS Code's own (making the ExtensionContext) and is not counted. This module is imported first
 * by extension.ts, so esbuild emits it before every other module.
 *
 * Wall time on a busy 2-core machine mostly measures the neighbours (the workbench and language
 * servers start at the same moment); CPU time of the same stretches measures this extension.
 */
export interface Stamp {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

export function stamp(): Stamp {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

export const moduleLoadStart = stamp();

export interface ActivationTime {
  /** Wall milliseconds: code loading + activate(). */
  wallMs: number;
  /** CPU milliseconds (user + system) spent in those two stretches. */
  cpuMs: number;
  loadWallMs: number;
  activateWallMs: number;
}

export function activationTime(loadEnd: Stamp, activateStart: Stamp, activateEnd: Stamp): ActivationTime {
  const cpu = (a: Stamp, b: Stamp) => (b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1000;
  const loadWallMs = loadEnd.wall - moduleLoadStart.wall;
  const activateWallMs = activateEnd.wall - activateStart.wall;
  return {
    wallMs: loadWallMs + activateWallMs,
    cpuMs: cpu(moduleLoadStart, loadEnd) + cpu(activateStart, activateEnd),
    loadWallMs,
    activateWallMs,
  };
}
