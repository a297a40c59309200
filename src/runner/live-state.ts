/**
 * What the supervisor keeps of the stream while it runs: names, who holds which lock, and when
 * each process last did something. The live deadlock detector and the summary read it.
 */
import { EventKind, ObjectKind, RECORD_SLOTS } from '../shared/events';

export class LiveState {
  readonly strings = new Map<number, string>();
  readonly objectNames = new Map<number, string>();
  readonly objectKinds = new Map<number, number>();
  readonly processNames = new Map<number, string>([[0, 'MainProcess']]);
  /** Lock object id → pid holding it (Lock and RLock only). */
  readonly holders = new Map<number, number>();
  /** pid → count of events seen, to tell progress from a stable stall. */
  readonly progress = new Map<number, number>();
  /** pid → OS thread id, from the threads' own CPU events (for the sampler). */
  readonly tids = new Map<number, number>();
  events = 0;
  dropped = 0;

  addStrings(strings: [number, string][]): void {
    for (const [id, text] of strings) this.strings.set(id, text);
  }

  addEvents(events: Float64Array): void {
    for (let at = 0; at < events.length; at += RECORD_SLOTS) {
      const kind = events[at + 1];
      const thread = events[at + 2];
      const obj = events[at + 3];
      this.progress.set(thread, (this.progress.get(thread) ?? 0) + 1);
      switch (kind) {
        case EventKind.OBJ_CREATE:
          this.objectKinds.set(obj, events[at + 4]);
          this.objectNames.set(obj, this.strings.get(events[at + 5]) ?? `object-${obj}`);
          break;
        case EventKind.PROC_START:
          this.processNames.set(obj, this.strings.get(events[at + 4]) ?? `Process-${obj}`);
          break;
        case EventKind.LOCK_ACQUIRED:
          if (this.isMutex(obj)) this.holders.set(obj, thread);
          break;
        case EventKind.LOCK_RELEASED:
          if (this.isMutex(obj) && this.holders.get(obj) === thread) this.holders.delete(obj);
          else if (this.isMutex(obj)) this.holders.delete(obj);
          break;
        case EventKind.DROPPED:
          this.dropped += events[at + 4];
          break;
        case EventKind.CPU:
          if (events[at + 6] > 0) this.tids.set(thread, events[at + 6]);
          break;
      }
    }
    this.events += events.length / RECORD_SLOTS;
  }

  private isMutex(obj: number): boolean {
    const kind = this.objectKinds.get(obj);
    return kind === ObjectKind.LOCK || kind === ObjectKind.RLOCK;
  }

  objectName(obj: number): string {
    return this.objectNames.get(obj) ?? `object-${obj}`;
  }

  processName(pid: number): string {
    return this.processNames.get(pid) ?? `Process-${pid}`;
  }
}
