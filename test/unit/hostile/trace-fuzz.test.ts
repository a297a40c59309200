/**
 * Fuzzes the trace loader and the analysis behind it with generated hostile traces (see
 * trace-arbitraries.ts): valid-ish traces, mutated ones (bytes flipped, cut, spliced, slots set to
 * NaN or 2^53, chunk types and lengths rewritten) and junk after the magic. The property: loading
 * and analysing either works or throws a TraceFormatError, nothing else, and no case is slow.
 *
 * FUZZ_RUNS sets the number of traces (default 10,000: about 5 s here); FUZZ_SEED replays a run.
 * A longer run: FUZZ_RUNS=200000 npx mocha --no-config -r sucrase/register/ts --timeout 0 test/unit/hostile/trace-fuzz.test.ts
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeTrace } from '../../../src/analysis';
import { loadTraceFile } from '../../../src/runner/trace-load';
import { TraceFormatError, parseTrace } from '../../../src/shared/trace-file';
import { hostileTrace } from './trace-arbitraries';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
// CI replays one fixed seed, so a green main stays green; elsewhere each run explores anew.
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20261126 : undefined;
/** A single trace of a few hundred records taking this long is a hang in the making. */
const SLOW_CASE_MS = 2000;

interface Tally {
  loaded: number;
  refused: number;
  slowestMs: number;
}

/** Runs `load` on a hostile trace; only TraceFormatError may escape it, and not slowly. */
function survives(tally: Tally, load: () => void): void {
  const started = performance.now();
  try {
    load();
    tally.loaded++;
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    assert.ok(error.message.length > 0 && !error.message.includes('undefined'), `an unclear message: ${error.message}`);
    tally.refused++;
  }
  const ms = performance.now() - started;
  tally.slowestMs = Math.max(tally.slowestMs, ms);
  assert.ok(ms < SLOW_CASE_MS, `one trace took ${Math.round(ms)} ms`);
}

describe(`fuzz: ${RUNS.toLocaleString('en-US')} hostile traces through parseTrace + analyzeTrace`, function () {
  this.timeout(Math.max(60_000, RUNS * 20));

  it('throws nothing but TraceFormatError, and no trace is slow', () => {
    const tally: Tally = { loaded: 0, refused: 0, slowestMs: 0 };
    const started = performance.now();
    fc.assert(
      fc.property(hostileTrace, (bytes) => {
        survives(tally, () => analyzeTrace(parseTrace(bytes)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const ms = performance.now() - started;
    console.log(`      ${RUNS} traces in ${(ms / 1000).toFixed(1)} s: ${tally.loaded} analysed, ${tally.refused} refused with TraceFormatError, slowest ${tally.slowestMs.toFixed(1)} ms`);
    // The generator must reach the analysis, not only the loader's refusals.
    assert.ok(tally.loaded > RUNS / 5, `only ${tally.loaded} of ${RUNS} traces got past the loader`);
  });
});

describe('fuzz: hostile trace files through the CLI loader (streamed, with a tiny memory bound)', function () {
  const runs = Math.max(200, Math.floor(RUNS / 10));
  this.timeout(Math.max(60_000, runs * 40));
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'interleave-fuzz-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`${runs} files: loadTraceFile (whole or streamed) + analyzeTrace throw nothing but TraceFormatError`, () => {
    const tally: Tally = { loaded: 0, refused: 0, slowestMs: 0 };
    const file = join(dir, 'fuzz.itrace');
    fc.assert(
      fc.property(hostileTrace, fc.integer({ min: 0, max: 4096 }), (bytes, maxBytes) => {
        writeFileSync(file, bytes);
        survives(tally, () => {
          const trace = loadTraceFile(file, { maxBytes });
          analyzeTrace(trace);
          if (trace.partial) assert.ok(trace.partial.loadedEvents < trace.partial.fileEvents);
        });
      }),
      { numRuns: runs, seed: SEED },
    );
    assert.ok(tally.loaded > runs / 5, `only ${tally.loaded} of ${runs} files loaded`);
  });
});
