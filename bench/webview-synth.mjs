// Synthetic traces for the webview benchmark: N events of a busy run, written as a real .itrace
// file (trace-file.ts's own encoders, loaded through sucrase) one EVENTS chunk at a time, so a
// 10M-event file never sits in memory whole.
//
// The run: W workers take turns in 10 µs steps (so per-lock acquisition numbers and per-queue
// item numbers rise in time order, as in a real trace). Each step a worker wakes from waiting on
// its lock, acquires it, reads and writes a shared value, puts or gets a queue item, releases
// the lock with waiters present, and waits again; now and then it sleeps, marks, or is sampled on
// a CPU. That gives every kind of lane, state, flow and tick the timeline draws.
import { createRequire } from 'node:module';
import { openSync, writeSync, closeSync } from 'node:fs';

const require = createRequire(import.meta.url);
require('sucrase/register/ts');
const { encodeEventsChunk, encodeJsonChunk, ChunkType, TRACE_MAGIC } = require('../src/shared/trace-file.ts');
const { EventKind: K, ObjectKind, BlockReason, SCHEMA_VERSION } = require('../src/shared/events.ts');

export function writeSyntheticTrace(path, events, { workers = 8, chunkEvents = 1 << 20 } = {}) {
  const fd = openSync(path, 'w');
  const write = (bytes) => writeSync(fd, bytes);
  write(TRACE_MAGIC);
  write(encodeJsonChunk(ChunkType.HEADER, {
    schema: SCHEMA_VERSION, script: 'synthetic.ts', epochWallMs: Date.now(), cpuCount: 4, platform: 'linux', coresKnown: true, locations: 'all',
  }));
  const strings = [[1, 'shared'], [2, 'jobs'], [3, 'checkpoint'], [4, '/bench/synthetic.ts:12:7'], [5, '/bench/synthetic.ts:20:3']];
  const LOCKS = 4;
  for (let l = 0; l < LOCKS; l++) strings.push([10 + l, `lock-${l}`]);
  for (let w = 1; w <= workers; w++) strings.push([100 + w, `worker-${w}`]);
  write(encodeJsonChunk(ChunkType.STRINGS, strings));

  const buf = new Float64Array(chunkEvents * 8);
  let n = 0;
  let total = 0;
  const flush = () => {
    if (n === 0) return;
    write(encodeEventsChunk(buf.subarray(0, n * 8)));
    n = 0;
  };
  const ev = (t, kind, thread, obj, a, b, c, loc) => {
    if (total >= events) return;
    const o = n * 8;
    buf[o] = t; buf[o + 1] = kind; buf[o + 2] = thread; buf[o + 3] = obj;
    buf[o + 4] = a; buf[o + 5] = b; buf[o + 6] = c; buf[o + 7] = loc;
    n++;
    total++;
    if (n === chunkEvents) flush();
  };
  // Objects: 1 = shared value, 2 = queue, 10.. = locks.
  ev(0, K.OBJ_CREATE, 0, 1, ObjectKind.VALUE, 1, 8, -1);
  ev(0, K.OBJ_CREATE, 0, 2, ObjectKind.QUEUE, 2, 0, -1);
  for (let l = 0; l < LOCKS; l++) ev(0, K.OBJ_CREATE, 0, 10 + l, ObjectKind.LOCK, 10 + l, 0, -1);
  for (let w = 1; w <= workers; w++) {
    ev(0.001 * w, K.PROC_START, 0, w, 100 + w, 3, 0, -1);
    ev(0.001 * w + 0.0005, K.PROC_BEGIN, w, w, 0, 0, 0, -1);
  }
  ev(0.02, K.BLOCK, 0, 1, BlockReason.JOIN, -1, 0, -1);
  const lockSeq = new Array(LOCKS).fill(0);
  let version = 0;
  let putSeq = 0;
  let getSeq = 0;
  const blocked = new Array(workers + 1).fill(false);
  const sleeping = new Array(workers + 1).fill(false);
  for (let step = 0; total < events; step++) {
    const w = 1 + (step % workers);
    const t = 0.05 + step * 0.01;
    const lock = w % LOCKS;
    const L = 10 + lock;
    if (blocked[w]) ev(t, K.UNBLOCK, w, L, BlockReason.LOCK, 1, 0, -1);
    if (sleeping[w]) ev(t, K.UNBLOCK, w, -1, BlockReason.SLEEP, 1, 0, -1);
    lockSeq[lock]++;
    ev(t + 0.0005, K.LOCK_ACQUIRED, w, L, lockSeq[lock], blocked[w] ? 1 : 0, 0, 4);
    ev(t + 0.001, K.READ, w, 1, 0, version, version, 4);
    ev(t + 0.002, K.WRITE, w, 1, 0, version + 1, version, 4);
    version++;
    if (w % 2 === 0) ev(t + 0.003, K.QUEUE_PUT, w, 2, ++putSeq, 64, 0, 5);
    else if (getSeq < putSeq) ev(t + 0.003, K.QUEUE_GET, w, 2, ++getSeq, w === 1 ? workers : w - 1, 0, 5);
    // The next holder of this lock (another worker, later) waits: release with waiters present.
    ev(t + 0.006, K.LOCK_RELEASED, w, L, lockSeq[lock], 1, 0, 4);
    if (step % 97 === 0) ev(t + 0.0065, K.MARK, w, -1, 3, 0, 0, 5);
    if (step % 50 === 0) ev(t + 0.007, K.CPU, w, w, (w + Math.floor(step / 400)) % 4, 82, 1000 + w, -1);
    sleeping[w] = step % 13 === 0;
    blocked[w] = !sleeping[w];
    if (sleeping[w]) ev(t + 0.008, K.BLOCK, w, -1, BlockReason.SLEEP, 0.05, 0, 5);
    else {
      ev(t + 0.008, K.LOCK_REQUEST, w, L, 0, 0, 0, 4);
      ev(t + 0.008, K.BLOCK, w, L, BlockReason.LOCK, -1, 0, 4);
    }
  }
  flush();
  const end = 0.05 + (total / 9) * 0.01;
  write(encodeJsonChunk(ChunkType.FOOTER, {
    result: 'ok', message: null, dropped: 0, deadlock: null, durationMs: end,
    processes: [{ id: 0, name: 'MainProcess', exitCode: 0, error: null }, ...Array.from({ length: workers }, (_, i) => ({ id: i + 1, name: `worker-${i + 1}`, exitCode: 0, error: null }))],
  }));
  closeSync(fd);
  return total;
}
