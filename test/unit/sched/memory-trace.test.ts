/**
 * MemoryTrace (runner/sched/memory-trace.ts): explore's runs keep their trace in memory. Pinned
 * here: the bytes kept are exactly the file the writer would have written, the writer's buffer
 * may be reused after each write, and a trace past its limit goes to its file after all.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTrace } from '../../../src/runner/sched/memory-trace';
import { TraceWriter, type FileOps } from '../../../src/runner/trace-writer';
import { EventKind, RECORD_SLOTS, SCHEMA_VERSION } from '../../../src/shared/events';

const dir = mkdtempSync(join(tmpdir(), 'interleave-memory-trace-'));

/** A small run's trace written through `ops`, from one drain buffer reused for every batch, as the supervisor does. */
function writeTrace(path: string, ops?: FileOps): void {
  const writer = new TraceWriter(path, ops);
  writer.begin({ schema: SCHEMA_VERSION, script: 'counter.ts', epochWallMs: 0, cpuCount: 2, platform: 'linux', coresKnown: true, locations: 'all' });
  const drain = new Float64Array(RECORD_SLOTS * 4);
  for (let batch = 0; batch < 50; batch++) {
    for (let i = 0; i < 4; i++) drain.set([batch + i / 10, EventKind.WRITE, 1, 7, 0, batch, i, -1], i * RECORD_SLOTS);
    writer.batch(batch === 0 ? [[1, 'counter']] : [], drain);
  }
  writer.end({ result: 'ok', message: null, processes: [], dropped: 0, deadlock: null, durationMs: 50 });
}

describe('MemoryTrace (explore keeps its runs\' traces in memory)', () => {
  const onDisk = join(dir, 'on-disk.itrace');
  before(() => writeTrace(onDisk));

  it('holds exactly the bytes the writer would have written to the file', () => {
    const trace = new MemoryTrace(join(dir, 'never-written.itrace'));
    writeTrace(trace.path, trace);
    assert.deepEqual(trace.contents(), new Uint8Array(readFileSync(onDisk)));
    assert.equal(existsSync(trace.path), false, 'nothing was written to disk');
    trace.saveTo(join(dir, 'kept.itrace'));
    assert.deepEqual(readFileSync(join(dir, 'kept.itrace')), readFileSync(onDisk));
  });

  it('writes a trace past its limit to its file, whole, and saves it from there', () => {
    const trace = new MemoryTrace(join(dir, 'spilled.itrace'), 1024);
    writeTrace(trace.path, trace);
    assert.equal(trace.contents(), null);
    assert.deepEqual(readFileSync(trace.path), readFileSync(onDisk));
    trace.saveTo(join(dir, 'kept-spilled.itrace'));
    assert.deepEqual(readFileSync(join(dir, 'kept-spilled.itrace')), readFileSync(onDisk));
  });
});
