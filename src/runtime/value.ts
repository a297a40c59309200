/**
 * Value: one typed number in shared memory, as Python's multiprocessing.Value.
 *
 * `.value` reads and writes are recorded with the location's version (its count of writes), so
 * analysis can tell which write a read saw, and when `v.value += 1` lost another worker's update.
 * Like Python's, `v.value += 1` is a read then a write: not atomic, even though Value has a lock.
 */
import { EventKind, ObjectKind } from '../shared/events';
import { now } from './clock';
import { allocShared, registerObject, rt } from './context';
import { fromWire, toWire } from './handles';
import { RLock } from './lock';
import { beginWrite, endWrite, stableVersion, stillVersion } from './location-version';
import { SharedObject, registerSharedClass, type ObjectFields } from './shared-object';
import { checkTypecode, toElement, viewOf, type ElementOf, type ElementView, type Typecode } from './typecodes';
import { PointOp } from '../shared/sched-table';
import { schedListData, schedPoint } from './sched-point';

export interface SharedDataOptions {
  name?: string;
  /** false gives a raw object with no lock, as Python's lock=False. */
  lock?: boolean;
}

/** Words after the 8 data bytes: [0] version. */
const DATA_BYTES = 8;
const VALUE_BYTES = 16;

export class Value<T extends Typecode = Typecode> extends SharedObject {
  declare readonly typecode: T;
  declare private data: ElementView;
  declare private versionIndex: number;
  declare private ownLock: RLock | null;

  constructor(typecode: T, initial: ElementOf<T> | number = 0, options: SharedDataOptions = {}) {
    super();
    const code = checkTypecode(typecode);
    const first = toElement(code, initial);
    const offset = allocShared(VALUE_BYTES, 'a Value');
    const id = registerObject(ObjectKind.VALUE, 'Value', options.name, 1);
    const lock = options.lock === false ? null : new RLock();
    this.attach({ id, offset, typecode: code, lock: lock === null ? null : toWire(lock) });
    this.data[0] = first;
    schedListData(id, offset, code, 1);
  }

  protected override attach(fields: ObjectFields): void {
    super.attach(fields);
    const self = this as unknown as { typecode: Typecode; data: ElementView; versionIndex: number; ownLock: RLock | null };
    self.typecode = fields.typecode as Typecode;
    self.data = viewOf(self.typecode, rt().boot.memory.heap, fields.offset, 1);
    self.versionIndex = (fields.offset + DATA_BYTES) >> 2;
    self.ownLock = fields.lock ? (fromWire(fields.lock) as RLock) : null;
  }

  protected override handleFields(): ObjectFields {
    return { ...super.handleFields(), typecode: this.typecode, lock: this.ownLock === null ? null : toWire(this.ownLock) };
  }

  protected get handleKind(): string {
    return 'Value';
  }

  get value(): ElementOf<T> {
    schedPoint(PointOp.READ, this.id);
    let version: number;
    let v: ElementOf<T>;
    let time: number;
    do {
      version = stableVersion(this.words, this.versionIndex);
      v = this.data[0] as ElementOf<T>;
      time = now(); // before the version is checked again: see location-version.ts
    } while (!stillVersion(this.words, this.versionIndex, version));
    this.recorder.recordAt(time, EventKind.READ, this.id, 0, Number(v), version >> 1, this.loc());
    return v;
  }

  set value(v: ElementOf<T>) {
    schedPoint(PointOp.WRITE, this.id);
    const stored = toElement(this.typecode, v);
    const before = beginWrite(this.words, this.versionIndex);
    this.data[0] = stored;
    const written = this.data[0] as number | bigint;
    const time = now(); // inside the write: see location-version.ts
    endWrite(this.words, this.versionIndex, before);
    this.recorder.recordAt(time, EventKind.WRITE, this.id, 0, Number(written), before, this.loc());
  }

  /** The RLock that guards this value (Python's get_lock()). */
  getLock(): RLock {
    if (this.ownLock === null) throw new Error('interleave: this Value was made with { lock: false } and has no lock');
    return this.ownLock;
  }

  override toString(): string {
    return `Value('${this.typecode}', ${String(this.data[0])})`;
  }
}

registerSharedClass('Value', Value);
