/**
 * Plain-program access micro-benchmark, in one plain Node thread: one recorded element read and
 * write of a shared Int32Array (memory.ts: seqlock, version, a ring record) against the same loop
 * over a plain Int32Array, medians of rounds. A second thread drains the ring, as the supervisor
 * would. What the instrumented path itself costs, apart from a run's start-up and drain.
 */
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { allocateControlBlock } from '../src/shared/control-block';
import { allocateEventRing, EventRingReader } from '../src/shared/event-ring';
import { RECORD_SLOTS } from '../src/shared/events';
import { hrtimeMs, setClockEpoch } from '../src/runtime/clock';
import { Recorder } from '../src/runtime/recorder';
import { setPlainRecorder } from '../src/runtime/plain/record';
import { read, write } from '../src/runtime/plain/memory';
import { MARK, type ViewInfo } from '../src/runtime/plain/views';

const N = 16_384;
const ROUNDS = 41;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Marked = Int32Array & { [MARK]?: ViewInfo | false };

function sharedRead(a: Marked): number {
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const k = i & 15;
    sum += (typeof k === 'number' && a != null && a[MARK] ? read(a, k, -1) : a[k]) as number;
  }
  if (sum === -1) console.log('');
  return ((performance.now() - t0) * 1e6) / N;
}

function sharedWrite(a: Marked): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const k = i & 15;
    if (typeof k === 'number' && a != null && a[MARK]) write(a, k, i, -1);
    else a[k] = i;
  }
  return ((performance.now() - t0) * 1e6) / N;
}

function plainRead(a: Int32Array): number {
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sum += a[i & 15]!;
  if (sum === -1) console.log('');
  return ((performance.now() - t0) * 1e6) / N;
}

function plainWrite(a: Int32Array): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) a[i & 15] = i;
  return ((performance.now() - t0) * 1e6) / N;
}

if (isMainThread) {
  const control = new Int32Array(allocateControlBlock());
  const doorbell = new SharedArrayBuffer(4);
  const ring = allocateEventRing(1 << 16, doorbell);
  const drainer = new Worker(__filename, { workerData: { ring: ring.buffer } });
  setClockEpoch(hrtimeMs());
  setPlainRecorder(new Recorder(ring, control, 1));
  const shadow = new SharedArrayBuffer(64);
  const shared = new Int32Array(new SharedArrayBuffer(64)) as Marked;
  Object.defineProperty(shared, MARK, { value: { buffer: { id: 1, versions: new Int32Array(shadow), shadow }, byteOffset: 0, bytes: 4, big: false } satisfies ViewInfo });
  const plain = new Int32Array(16);
  const r: number[] = [];
  const w: number[] = [];
  const pr: number[] = [];
  const pw: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    pr.push(plainRead(plain));
    r.push(sharedRead(shared));
    pw.push(plainWrite(plain));
    w.push(sharedWrite(shared));
  }
  void drainer.terminate();
  process.stdout.write(`${JSON.stringify({
    micro_shared_read_ns: median(r),
    micro_shared_write_ns: median(w),
    micro_plain_read_ns: median(pr),
    micro_plain_write_ns: median(pw),
  })}\n`);
} else {
  const reader = new EventRingReader((workerData as { ring: SharedArrayBuffer }).ring);
  const out = new Float64Array(4096 * RECORD_SLOTS);
  const drain = (): void => {
    while (reader.pending() > 0) reader.drainInto(out, 0, Math.min(4096, reader.pending()));
    setTimeout(drain, 1);
  };
  drain();
}
