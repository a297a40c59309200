/**
 * What every shared runtime object has: an id in the trace, a place in the shared heap, and a
 * location sampler (see locations.ts).
 *
 * An object is built two ways: by its constructor in the thread that makes it (allocating heap
 * and registering a name), or revived from a handle in another thread (see handles.ts). Both end
 * in `attach()`, which subclasses extend to set up their views; so subclasses keep no field
 * initialisers, which a revived object (made by Object.create) would skip.
 */
import { callerLocation, freeShared, heapViews, rt } from './context';
import { makeDescriptor, registerHandleKind, type HandleDescriptor } from './handles';
import { LocationSampler } from './locations';
import { handleMade, holdNew, holdRevived, type Dispose } from './object-lifetime';
import type { Recorder } from './recorder';

export interface ObjectFields {
  id: number;
  offset: number;
  [field: string]: unknown;
}

/** Set on the fields of an object revived from a handle (the handle's reference becomes its). */
const REVIVED = Symbol('revived');

export abstract class SharedObject {
  /** The object's id in the trace. */
  declare readonly id: number;
  /** Byte offset of the object's words in the run's shared heap. */
  declare protected readonly offset: number;
  /** Index of the object's first Int32 word in the heap. */
  declare protected readonly base: number;
  declare protected readonly words: Int32Array;
  /** This thread's recorder, kept here so a hot path does not look it up per call. */
  declare protected readonly recorder: Recorder;
  declare private readonly sampler: LocationSampler;

  /**
   * Sets the object up over its heap words and counts this wrapper as a reference to them
   * (object-lifetime.ts); subclasses extend it for their own views.
   */
  protected attach(fields: ObjectFields): void {
    const self = this as unknown as Record<string, unknown>;
    self.id = fields.id;
    self.offset = fields.offset;
    self.base = fields.offset >> 2;
    self.words = heapViews().heapI32;
    self.recorder = rt().recorder;
    self.sampler = new LocationSampler(rt().boot.locations);
    if (fields[REVIVED as unknown as string] === true) holdRevived(this, fields.offset, this.dispose);
    else holdNew(this, fields.offset, this.dispose);
  }

  /** Frees the object's memory once nothing can reach it; objects with more than their own block
   *  (a Queue's data area) override it. Must not use `this`: it runs in whichever thread let go last. */
  protected get dispose(): Dispose {
    return freeShared;
  }

  /** The fields another thread needs to revive this object; subclasses add theirs. */
  protected handleFields(): ObjectFields {
    return { id: this.id, offset: this.offset };
  }

  /** The handle-kind name this object crosses threads under. */
  protected abstract get handleKind(): string;

  /** A handle for another thread; it holds a reference until revived (object-lifetime.ts). */
  toHandle(): HandleDescriptor {
    const descriptor = makeDescriptor(this.handleKind, this.handleFields());
    handleMade(this.offset);
    return descriptor;
  }

  /** Location of the user's call for this event, or -1 when this call is not sampled. */
  protected loc(): number {
    // Runs on every instrumented call: the common case is one decrement and one compare, with the
    // rest in a method of its own so that the JIT inlines only this (see recorder.ts on its budget).
    return this.sampler.skip() ? -1 : this.locWhenDue();
  }

  private locWhenDue(): number {
    return this.sampler.due(this.recorder.recentTime) ? callerLocation() : -1;
  }
}

/**
 * Makes `kind` revivable: descriptors of that kind become objects of `cls` over the same memory,
 * passed through `wrap` (Array wraps itself in its indexing Proxy).
 */
export function registerSharedClass<C extends SharedObject>(
  kind: string,
  cls: abstract new (...args: never[]) => C,
  wrap: (object: C) => unknown = (object) => object,
): void {
  registerHandleKind(kind, (d) => {
    const object = Object.create(cls.prototype) as C;
    (object as unknown as { attach(f: ObjectFields): void }).attach({ ...(d as unknown as ObjectFields), [REVIVED]: true });
    return wrap(object);
  });
}
