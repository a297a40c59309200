/**
 * Data races, grouped as a reader wants them: one group per object and unordered pair of source
 * locations ("counter: race.ts:14 ↔ race.ts:14"), however many times or at however many indices
 * the pair raced. Each group keeps the first pair seen, with both workers and records.
 */
export interface RaceAccessRef {
  thread: number;
  record: number;
  loc: number;
  write: boolean;
}

export interface RaceGroup {
  obj: number;
  first: RaceAccessRef;
  second: RaceAccessRef;
  count: number;
  indices: number[];
  /** Dense threads seen in this group's pairs. */
  threads: Set<number>;
  /** Position in the report's findings, set when findings are built. */
  finding: number;
}

const MAX_INDICES = 32;
/** Location ids above this share one key bucket; the pair is still told apart by a Map. */
const LOC_RANGE = 2 ** 26;

export class RaceGroups {
  readonly groups: RaceGroup[] = [];

  /** `lineOf` maps a location id to one id per source line (see TraceModel.lineId). */
  constructor(private readonly lineOf: (loc: number) => number) {}

  private readonly byObject = new Map<number, Map<number, RaceGroup>>();
  /** The group of the last race seen on each slot (links lost updates to their race). */
  readonly lastGroupBySlot = new Map<number, RaceGroup>();
  /** The record at which the last race was reported, and its group. */
  lastRecord = -1;
  lastGroup: RaceGroup | null = null;

  add(
    obj: number, index: number, slot: number,
    prevThread: number, prevRecord: number, prevLoc: number, prevWrite: boolean,
    curThread: number, curRecord: number, curLoc: number, curWrite: boolean,
  ): void {
    const prevLine = this.lineOf(prevLoc);
    const curLine = this.lineOf(curLoc);
    const lo = Math.min(prevLine, curLine) + 1;
    const hi = Math.max(prevLine, curLine) + 1;
    const key = lo * LOC_RANGE + (hi % LOC_RANGE);
    let pairs = this.byObject.get(obj);
    if (!pairs) { pairs = new Map(); this.byObject.set(obj, pairs); }
    let group = pairs.get(key);
    if (!group) {
      group = {
        obj,
        first: { thread: prevThread, record: prevRecord, loc: prevLoc, write: prevWrite },
        second: { thread: curThread, record: curRecord, loc: curLoc, write: curWrite },
        count: 0,
        indices: [],
        threads: new Set(),
        finding: -1,
      };
      pairs.set(key, group);
      this.groups.push(group);
    }
    group.count++;
    if (group.indices.length < MAX_INDICES && !group.indices.includes(index)) group.indices.push(index);
    group.threads.add(prevThread);
    group.threads.add(curThread);
    this.lastGroupBySlot.set(slot, group);
    this.lastRecord = curRecord;
    this.lastGroup = group;
  }
}
