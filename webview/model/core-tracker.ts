/**
 * Core lanes (Concurrency Visualizer's Cores view): from each process's CPU samples, the spans a
 * process ran on a core, and a migration arrow when it moved.
 */
import { FlowKind, type FlowStore } from './flows';
import { type CoreLane, type WorkerLane, newCoreLane } from './lanes';

export class CoreTracker {
  /** Per process: last CPU sample (time, cpu, running). */
  private readonly last = new Map<number, { t: number; cpu: number; on: boolean }>();

  constructor(private readonly cores: Map<number, CoreLane>, private readonly flows: FlowStore) {}

  sample(pid: number, t: number, cpu: number, running: boolean): void {
    const last = this.last.get(pid);
    if (last && last.on && t > last.t) {
      this.core(last.cpu).spans.push(last.t, t, pid % 251, pid);
      if (running && cpu !== last.cpu && cpu >= 0) this.flows.push(t, t, last.cpu, cpu, FlowKind.MIGRATION, pid, -1, -1);
    }
    if (cpu >= 0) this.core(cpu);
    this.last.set(pid, { t, cpu, on: running && cpu >= 0 });
  }

  /** The process stopped running (blocked or exited): its span on the core ends at t. */
  off(pid: number, t: number): void {
    const last = this.last.get(pid);
    if (!last || !last.on) return;
    if (t > last.t) this.core(last.cpu).spans.push(last.t, t, pid % 251, pid);
    this.last.set(pid, { t, cpu: last.cpu, on: false });
  }

  /** The process runs again, on the core it was last seen on. */
  on(pid: number, t: number): void {
    const last = this.last.get(pid);
    if (!last || last.on) return;
    this.last.set(pid, { t, cpu: last.cpu, on: true });
  }

  /** Open CPU intervals (drawn to the end of the trace): [pid, cpu, start]. */
  open(workers: ReadonlyMap<number, WorkerLane>): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (const [pid, s] of this.last) {
      const w = workers.get(pid);
      if (s.on && !(w && w.exited)) out.push([pid, s.cpu, s.t]);
    }
    return out;
  }

  private core(cpu: number): CoreLane {
    let lane = this.cores.get(cpu);
    if (!lane) {
      lane = newCoreLane(cpu);
      this.cores.set(cpu, lane);
    }
    return lane;
  }
}
