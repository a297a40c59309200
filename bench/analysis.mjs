// Analysis throughput: builds src/analysis with esbuild, makes a synthetic event log shaped like a
// real trace (8 workers interleaved in drained chunks; private array work, a locked counter with
// some contention, an unlocked racy counter losing updates, a producer/consumer Queue, sleeps),
// runs analyzeTrace on it and prints one JSON line:
//   { analysis_events_per_s, peak_memory_mb, ... }
// Usage: node bench/analysis.mjs [--events 10000000] [--runs 3]
// analysis_events_per_s is the median over the runs of events / (time of analyzeTrace, which
// includes the sort); peak_memory_mb is the process's maximum resident set (the log itself is
// events × 64 bytes of it: input_mb).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'bench', 'analysis.js');

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

// Kinds and object kinds, as in src/shared/events.ts.
const K = { OBJ_CREATE: 3, PROC_START: 10, PROC_BEGIN: 11, PROC_EXIT: 12, PROC_JOINED: 13, BLOCK: 20, UNBLOCK: 21,
  LOCK_REQUEST: 30, LOCK_ACQUIRED: 31, LOCK_RELEASED: 32, READ: 40, WRITE: 41, QUEUE_PUT: 50, QUEUE_GET: 51, SLEEP: 83 };
const O = { VALUE: 1, ARRAY: 2, LOCK: 3, QUEUE: 10 };
const BLOCK_LOCK = 1;
const BLOCK_SLEEP = 5;

/** A deterministic xorshift generator, so every run analyses the same log. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

export function syntheticTrace(total, workers = 8, chunk = 2048) {
  const events = new Float64Array(total * 8);
  const strings = new Map();
  let nextString = 1;
  const str = (text) => { const id = nextString++; strings.set(id, text); return id; };
  let n = 0; // records written to the file
  let time = 0;
  // Per-thread ring-like buffers, flushed to the file a chunk at a time as the supervisor drains.
  const pending = Array.from({ length: workers + 1 }, () => ({ records: new Float64Array(chunk * 8), count: 0 }));
  const flush = (t) => {
    const p = pending[t];
    const room = Math.min(p.count, total - n);
    if (room > 0) events.set(p.records.subarray(0, room * 8), n * 8);
    n += room;
    p.count = 0;
  };
  const emit = (t, kind, obj, a = 0, b = 0, c = 0, loc = -1) => {
    time += 0.0001;
    const p = pending[t];
    const at = p.count * 8;
    const r = p.records;
    r[at] = time; r[at + 1] = kind; r[at + 2] = t; r[at + 3] = obj; r[at + 4] = a; r[at + 5] = b; r[at + 6] = c; r[at + 7] = loc;
    if (++p.count === chunk) flush(t);
  };
  const random = rng(42);
  const DATA = 1, LOCK = 2, LOCKED = 3, RACY = 4, QUEUE = 5;
  const dataSize = workers * 1024;
  emit(0, K.OBJ_CREATE, DATA, O.ARRAY, str('data'), dataSize, str('/bench/work.ts:3:13'));
  emit(0, K.OBJ_CREATE, LOCK, O.LOCK, str('lock'), 0, str('/bench/work.ts:4:14'));
  emit(0, K.OBJ_CREATE, LOCKED, O.VALUE, str('locked'), 1, str('/bench/work.ts:5:16'));
  emit(0, K.OBJ_CREATE, RACY, O.VALUE, str('racy'), 1, str('/bench/work.ts:6:14'));
  emit(0, K.OBJ_CREATE, QUEUE, O.QUEUE, str('jobs'), 0, str('/bench/work.ts:7:14'));
  const locs = { data: str('/bench/work.ts:12:9'), lock: str('/bench/work.ts:15:7'), locked: str('/bench/work.ts:16:9'),
    racy: str('/bench/work.ts:20:7'), put: str('/bench/work.ts:24:9'), get: str('/bench/work.ts:28:9') };
  emit(0, K.PROC_BEGIN, 0, -1);
  for (let t = 1; t <= workers; t++) { emit(0, K.PROC_START, t, str(`Process-${t}`), str('work')); emit(t, K.PROC_BEGIN, t, 0); }

  const version = new Map();
  const value = new Map();
  const read = (t, obj, i, loc) => { const key = obj * 1e6 + i; emit(t, K.READ, obj, i, value.get(key) ?? 0, version.get(key) ?? 0, loc); return value.get(key) ?? 0; };
  const write = (t, obj, i, v, loc) => { const key = obj * 1e6 + i; const before = version.get(key) ?? 0; version.set(key, before + 1); value.set(key, v); emit(t, K.WRITE, obj, i, v, before, loc); };
  let acquisitions = 0, puts = 0, gets = 0;
  const producerOf = [];
  const racyRead = new Map();
  const budget = total - 4 * workers - 16;
  const produced = () => n + pending.reduce((sum, p) => sum + p.count, 0);
  while (produced() < budget) {
    const t = 1 + Math.floor(random() * workers);
    const dice = random();
    if (dice < 0.5) {
      // private work on this worker's own slice: no race
      const i = (t - 1) * 1024 + Math.floor(random() * 1024);
      const v = read(t, DATA, i, locs.data);
      write(t, DATA, i, v + 1, locs.data);
    } else if (dice < 0.75) {
      if (random() < 0.1) { emit(t, K.LOCK_REQUEST, LOCK, 0, 0, 0, locs.lock); emit(t, K.BLOCK, LOCK, BLOCK_LOCK, -1, 0, locs.lock); emit(t, K.UNBLOCK, LOCK, BLOCK_LOCK, 1); }
      emit(t, K.LOCK_ACQUIRED, LOCK, ++acquisitions, 0, 1, locs.lock);
      const v = read(t, LOCKED, 0, locs.locked);
      write(t, LOCKED, 0, v + 1, locs.locked);
      emit(t, K.LOCK_RELEASED, LOCK, acquisitions, 0, 0, locs.lock);
    } else if (dice < 0.85) {
      // v.value += 1 without the lock, split over two turns so others can interleave
      const seen = racyRead.get(t);
      if (seen === undefined) racyRead.set(t, read(t, RACY, 0, locs.racy));
      else { write(t, RACY, 0, seen + 1, locs.racy); racyRead.delete(t); }
    } else if (dice < 0.97) {
      if (t <= workers / 2) { puts++; producerOf[puts] = t; emit(t, K.QUEUE_PUT, QUEUE, puts, 64, 0, locs.put); }
      else if (gets < puts) { gets++; emit(t, K.QUEUE_GET, QUEUE, gets, producerOf[gets], 0, locs.get); }
    } else {
      emit(t, K.SLEEP, -1, 0, 1); emit(t, K.UNBLOCK, -1, BLOCK_SLEEP, 1);
    }
  }
  for (let t = 1; t <= workers; t++) emit(t, K.PROC_EXIT, t, 0, -1, 0);
  for (let t = 1; t <= workers; t++) emit(0, K.PROC_JOINED, t, 1);
  emit(0, K.PROC_EXIT, 0, 0, -1, 0);
  for (let t = 0; t <= workers; t++) flush(t);
  const records = Math.min(n, total);
  return {
    header: { schema: 1, script: '/bench/work.ts', epochWallMs: 0, cpuCount: workers, platform: 'linux', coresKnown: false, locations: 'all' },
    strings,
    events: records === total ? events : events.subarray(0, records * 8),
    footer: { result: 'ok', message: null, processes: [], dropped: 0, deadlock: null, durationMs: time },
    truncated: false,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const require = createRequire(import.meta.url);
  require('esbuild').buildSync({ entryPoints: [join(root, 'src', 'analysis', 'index.ts')], bundle: true, platform: 'node', outfile: bundle, logLevel: 'warning' });
  const { analyzeTrace, sortOrder } = require(bundle);
  const total = arg('events', 10_000_000);
  const runs = arg('runs', 3);
  const built = performance.now();
  const trace = syntheticTrace(total);
  const generateMs = performance.now() - built;
  const events = trace.events.length / 8;
  const times = [];
  const cpuTimes = [];
  const sortTimes = [];
  let report = null;
  for (let r = 0; r < runs; r++) {
    const s0 = performance.now();
    sortOrder(trace.events);
    sortTimes.push(performance.now() - s0);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    report = analyzeTrace(trace);
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const ms = median(times);
  const lost = report.lostUpdates.reduce((s, l) => s + l.lost, 0);
  console.log(JSON.stringify({
    analysis_events_per_s: Math.round(events / (ms / 1000)),
    peak_memory_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    analysis_ms: Math.round(ms),
    analysis_ms_runs: times.map(Math.round),
    // CPU time of the process during each run (GC threads included): on a loaded machine, wall
    // time over CPU time shows how much of the wall time was waiting for a core.
    analysis_cpu_ms_runs: cpuTimes.map(Math.round),
    sort_ms: Math.round(median(sortTimes)),
    events,
    input_mb: Math.round(trace.events.byteLength / 2 ** 20),
    generate_ms: Math.round(generateMs),
    findings: report.findings.map((f) => f.kind),
    lost_updates: lost,
    flows: report.flows.length,
  }));
}
