/**
 * The source sites of instrumented code: every element access, Atomics use and buffer creation
 * the load-time transform (runner/instrument.ts) found, numbered per thread. A module registers
 * its sites when it starts (`__il.sites(file, [line, column, ...])`) and passes each site's number
 * to the runtime; the location string is interned on a site's first use only.
 */
import { rt } from '../context';
import { forgetEachRun } from '../run-scope';

const files: string[] = [];
let fileOf = new Int32Array(256);
let lineCol = new Int32Array(512);
/** Interned location string id per site; -2 until first used. */
let locOf = new Int32Array(256).fill(-2);
let count = 0;
let off = false;

// A site's location string id is the run's: the next run's modules register their sites anew.
forgetEachRun(() => {
  files.length = 0;
  locOf.fill(-2);
  count = 0;
});

export function setSitesOff(value: boolean): void {
  off = value;
}

/** Registers a module's sites (flattened line, column pairs); returns the number of its first. */
export function registerSites(file: string, flat: readonly number[]): number {
  const base = count;
  const n = flat.length >> 1;
  if (base + n > locOf.length) grow(base + n);
  const fileIndex = files.push(file) - 1;
  for (let i = 0; i < n; i++) {
    fileOf[base + i] = fileIndex;
    lineCol[(base + i) * 2] = flat[i * 2]!;
    lineCol[(base + i) * 2 + 1] = flat[i * 2 + 1]!;
  }
  count = base + n;
  return base;
}

/** The interned "file:line:column" of a site, or -1 (no such site, or locations off). */
export function siteLoc(site: number): number {
  const id = locOf[site];
  if (id !== undefined && id !== -2) return id;
  return internSite(site);
}

function internSite(site: number): number {
  if (off || !(site >= 0 && site < count)) return -1;
  const id = rt().recorder.intern(`${files[fileOf[site]!]}:${lineCol[site * 2]}:${lineCol[site * 2 + 1]}`);
  locOf[site] = id;
  return id;
}

function grow(atLeast: number): void {
  const size = Math.max(atLeast, locOf.length * 2);
  const f = new Int32Array(size);
  f.set(fileOf);
  fileOf = f;
  const lc = new Int32Array(size * 2);
  lc.set(lineCol);
  lineCol = lc;
  const l = new Int32Array(size).fill(-2);
  l.set(locOf);
  locOf = l;
}
