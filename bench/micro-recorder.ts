/**
 * Recorder micro-benchmark, run in a plain Node thread: the cost of one recorded event against
 * the cost of one performance.now() (the clock every event reads), measured in the same process,
 * medians of several rounds. A second thread drains the ring meanwhile, as the supervisor would.
 */
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { allocateControlBlock } from '../src/shared/control-block';
import { allocateEventRing, EventRingReader } from '../src/shared/event-ring';
import { EventKind, RECORD_SLOTS } from '../src/shared/events';
import { hrtimeMs, setClockEpoch } from '../src/runtime/clock';
import { captureCallerLocation } from '../src/runtime/locations';
import { Recorder } from '../src/runtime/recorder';

const N = 200_000;
const ROUNDS = 31;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function clockNs(): number {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sink += performance.now();
  const t1 = performance.now();
  if (sink === 42) console.log('');
  return ((t1 - t0) * 1e6) / N;
}

function recorderNs(recorder: Recorder): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) recorder.record(EventKind.WRITE, 7, 0, i, i, -1);
  const t1 = performance.now();
  return ((t1 - t0) * 1e6) / N;
}

/** One source-location capture (what 'all' pays per event, and 'sampled' pays 1 in 1024). */
function locationNs(): number {
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) captureCallerLocation();
  return ((performance.now() - t0) * 1e6) / n;
}

if (isMainThread) {
  const control = new Int32Array(allocateControlBlock());
  const doorbell = new SharedArrayBuffer(4);
  const ring = allocateEventRing(1 << 16, doorbell);
  let stop = false;
  const reader = new EventRingReader(ring.buffer);
  const drainer = new Worker(__filename, { workerData: { ring: ring.buffer, doorbell } });
  setClockEpoch(hrtimeMs());
  const recorder = new Recorder(ring, control, 1);
  const clock: number[] = [];
  const rec: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order: whichever loop runs first in a round runs a little faster here.
    if (r % 2 === 0) {
      clock.push(clockNs());
      rec.push(recorderNs(recorder));
    } else {
      rec.push(recorderNs(recorder));
      clock.push(clockNs());
    }
  }
  stop = true;
  void stop;
  void reader;
  void drainer.terminate();
  const clock_ns = median(clock);
  const recorder_ns_per_event = median(rec);
  // The median of per-round ratios: this machine's speed shifts every few hundred milliseconds,
  // and the two loops of one round run in the same state.
  const recorder_over_clock = median(rec.map((ns, i) => ns / clock[i]!));
  const location_capture_ns = median([locationNs(), locationNs(), locationNs()]);
  process.stdout.write(`${JSON.stringify({ clock_ns, recorder_ns_per_event, recorder_over_clock, location_capture_ns })}\n`);
} else {
  // The drain side, as the supervisor's: sleeps on the doorbell (at most 20 ms), then drains.
  const data = workerData as { ring: SharedArrayBuffer; doorbell: SharedArrayBuffer };
  const reader = new EventRingReader(data.ring);
  const bell = new Int32Array(data.doorbell);
  const scratch = new Float64Array((1 << 16) * RECORD_SLOTS);
  const loop = async (): Promise<void> => {
    for (;;) {
      const seen = Atomics.load(bell, 0);
      reader.drainInto(scratch, 0, 1 << 16);
      const wait = Atomics.waitAsync(bell, 0, seen, 20);
      if (wait.async) await wait.value;
    }
  };
  void loop();
  parentPort?.on('message', () => process.exit(0));
}
