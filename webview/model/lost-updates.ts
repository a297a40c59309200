/**
 * Lost updates, found locally from the versions the runtime records with every access
 * (READ c = writes to the location seen so far, WRITE c = writes before this one).
 *
 * A worker that read version v of a location and then wrote it when its version was c > v
 * overwrote c − v writes of other workers made in between: the classic read-modify-write race
 * (`counter.value += 1` without the lock). Each such write is one finding instance, joined to the
 * first intervening write (the one that saw version v), which is looked up lazily because the
 * other worker's events may arrive in a later batch.
 *
 * This is the webview's own fallback until the analysis report arrives; the report's findings
 * (data races by happens-before, deadlocks, lock order) replace nothing here but add to it.
 */

export interface LostUpdate {
  obj: number;
  index: number;
  /** The worker's read and its clobbering write. */
  readRef: number;
  writeRef: number;
  readVersion: number;
  writeVersion: number;
  /** Writes by others that this write overwrote. */
  lost: number;
}

/** A location key: a small integer (fast Map key) when the object id and index are small. */
function locKey(obj: number, index: number): number {
  return obj < 16384 && index >= 0 && index < 65536 ? obj * 65536 + index : -(obj * 4294967296 + index) - 1;
}

export class LostUpdateDetector {
  readonly found: LostUpdate[] = [];
  lastReadTime = 0;
  /** Per thread: location → [version seen, ref, time] of its latest read. */
  private reads = new Map<number, Map<number, [number, number, number]>>();
  /** Per location: write refs indexed by the version before each write. */
  private writes = new Map<number, Int32Array>();

  read(pid: number, obj: number, index: number, version: number, ref: number, t: number): number {
    let m = this.reads.get(pid);
    if (!m) {
      m = new Map();
      this.reads.set(pid, m);
    }
    m.set(locKey(obj, index), [version, ref, t]);
    return 0;
  }

  write(pid: number, obj: number, index: number, version: number, ref: number, _t: number): number {
    const loc = locKey(obj, index);
    this.recordWrite(loc, version, ref);
    const m = this.reads.get(pid);
    const seen = m?.get(loc);
    if (!m || !seen) return 0;
    m.delete(loc);
    const lost = version - seen[0];
    if (lost <= 0) return 0;
    this.lastReadTime = seen[2];
    this.found.push({ obj, index, readRef: seen[1], writeRef: ref, readVersion: seen[0], writeVersion: version, lost });
    return lost;
  }

  private recordWrite(loc: number, version: number, ref: number): void {
    if (!(version >= 0) || version > 1e8) return;
    let arr = this.writes.get(loc);
    if (!arr || arr.length <= version) {
      const next = new Int32Array(Math.max(16, (version + 1) * 2)).fill(-1);
      if (arr) next.set(arr);
      arr = next;
      this.writes.set(loc, arr);
    }
    arr[version] = ref;
  }

  /** The write that saw `version` (the first one after the lost update's read), or -1. */
  writeAt(obj: number, index: number, version: number): number {
    const arr = this.writes.get(locKey(obj, index));
    return arr && version < arr.length ? arr[version] : -1;
  }
}
