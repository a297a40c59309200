/**
 * Samples which CPU each worker thread is on (Linux: /proc/self/task/<tid>/stat), so core lanes
 * show migrations between a thread's own CPU events. Emits a CPU record only when a thread's CPU
 * or OS state changed. Elsewhere, or when /proc is unreadable, it does nothing.
 */
import { readFileSync } from 'node:fs';
import { EventKind } from '../shared/events';
import { parseStat } from '../shared/proc-stat';

export class CpuSampler {
  private readonly last = new Map<number, number>();
  private enabled = process.platform === 'linux';

  /** Records for threads whose (cpu, state) changed; `tids` maps pid → OS thread id. */
  sample(tids: Map<number, number>, now: number): Float64Array | null {
    if (!this.enabled || tids.size === 0) return null;
    const out: number[] = [];
    for (const [pid, tid] of tids) {
      let line: string;
      try {
        line = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.enabled = false;
        continue;
      }
      const sample = parseStat(line);
      if (!sample) continue;
      const key = sample.cpu * 256 + sample.state;
      if (this.last.get(pid) === key) continue;
      this.last.set(pid, key);
      out.push(now, EventKind.CPU, pid, pid, sample.cpu, sample.state, tid, -1);
    }
    return out.length > 0 ? Float64Array.from(out) : null;
  }

  forget(pid: number): void {
    this.last.delete(pid);
  }
}

