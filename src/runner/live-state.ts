/**
 * What the supervisor keeps of the stream while it runs: names, object kinds, OS thread ids, and
 * how many events each process has recorded so far. The live deadlock detector and the summary read it.
 */
import { EventKind, RECORD_SLOTS } from '../shared/events';
import { defaultProcessName } from '../shared/names';

export class LiveState {
  readonly strings = new Map<number, string>();
  readonly objectNames = new Map<number, string>();
  readonly objectKinds = new Map<number, number>();
  readonly processNames = new Map<number, string>([[0, 'MainProcess']]);
  /** pid → count of events seen, to tell progress from a stable stall. */
  readonly progress = new Map<number, number>();
  /** pid → OS thread id, from the threads' own CPU events (for the sampler). */
  readonly tids = new Map<number, number>();
  events = 0;
  dropped = 0;

  addStrings(strings: [number, string][]): void {
    for (const [id, text] of strings) this.strings.set(id, text);
  }

  /**
   * Takes in a batch. This runs on every drained event, so it touches only the kinds it keeps
   * state for; `pid` names the ring the batch came from (progress is counted per batch).
   */
  addEvents(events: Float64Array, pid = -1): void {
    const count = events.length / RECORD_SLOTS;
    if (pid >= 0) this.progress.set(pid, (this.progress.get(pid) ?? 0) + count);
    for (let at = 0; at < events.length; at += RECORD_SLOTS) {
      const kind = events[at + 1];
      if (kind <= EventKind.OBJ_CREATE || kind === EventKind.PROC_START || kind === EventKind.CPU) {
        this.addRare(events, at, kind, pid < 0);
      }
    }
    this.events += count;
  }

  private addRare(events: Float64Array, at: number, kind: number, countProgress: boolean): void {
    const thread = events[at + 2];
    const obj = events[at + 3];
    if (countProgress) this.progress.set(thread, (this.progress.get(thread) ?? 0) + 1);
    switch (kind) {
      case EventKind.OBJ_CREATE:
        this.objectKinds.set(obj, events[at + 4]);
        this.objectNames.set(obj, this.strings.get(events[at + 5]) ?? `object-${obj}`);
        break;
      case EventKind.PROC_START:
        this.processNames.set(obj, this.strings.get(events[at + 4]) ?? defaultProcessName(obj));
        break;
      case EventKind.DROPPED:
        this.dropped += events[at + 4];
        break;
      case EventKind.CPU:
        if (events[at + 6] > 0) this.tids.set(thread, events[at + 6]);
        break;
    }
  }

  objectName(obj: number): string {
    return this.objectNames.get(obj) ?? `object-${obj}`;
  }

  processName(pid: number): string {
    return this.processNames.get(pid) ?? defaultProcessName(pid);
  }
}
