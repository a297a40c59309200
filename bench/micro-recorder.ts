/**
 * Recorder micro-benchmark: the cost of one recorded event against one read of the clock the
 * recorder reads (process.hrtime(), see runtime/clock.ts), both measured in the same worker thread
 * (where the runtime records), medians of per-round ratios with the order alternated. Each event
 * goes through a location sampler at the runs' default setting ('sampled'), as an API call's does.
 * The main thread drains the ring meanwhile, as the supervisor does (woken by the doorbell, at
 * least every RING_DRAIN_MS), and every event is counted: a dropped event would make the recorder look
 * cheaper than it is, so any drop is reported (recorder_dropped) and voids the figure.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { allocateControlBlock } from '../src/shared/control-block';
import { allocateEventRing, EventRingReader, RING_DRAIN_MS, type EventRingBuffers } from '../src/shared/event-ring';
import { EventKind, RECORD_SLOTS } from '../src/shared/events';
import { hrtimeMs, setClockEpoch } from '../src/runtime/clock';
import { captureCallerLocation, LocationSampler } from '../src/runtime/locations';
import { Recorder } from '../src/runtime/recorder';

const N = 200_000;
const ROUNDS = 31;
const RING = 1 << 16;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Boot {
  ring: EventRingBuffers;
  control: SharedArrayBuffer;
  epoch: number;
}

interface Figures {
  clock_ns: number;
  recorder_ns_per_event: number;
  recorder_over_clock: number;
  record_floor_over_clock: number;
  recorder_events: number;
  recorder_dropped: number;
  location_capture_ns: number;
}

/** The measuring thread. */
function measure(boot: Boot): Figures {
  setClockEpoch(boot.epoch);
  const recorder = new Recorder(boot.ring, new Int32Array(boot.control), 1);
  const sampler = new LocationSampler('sampled');
  const hrtime = process.hrtime;
  let recorded = 0;
  let dropped = 0;

  // What an API call does for its location: one countdown, and now and then a stack capture.
  const loc = (): number => {
    if (sampler.skip() || !sampler.due(recorder.recentTime)) return -1;
    const where = captureCallerLocation();
    return where === null ? -1 : recorder.intern(where);
  };

  const clockNs = (): number => {
    let sink = 0;
    const t0 = hrtime();
    for (let i = 0; i < N; i++) sink += hrtime()[1]!;
    const t1 = hrtime();
    if (sink === 42) console.log('');
    return ((t1[0]! - t0[0]!) * 1e9 + (t1[1]! - t0[1]!)) / N;
  };

  const recorderNs = (): number => {
    let ok = 0;
    const t0 = hrtime();
    for (let i = 0; i < N; i++) if (recorder.record(EventKind.WRITE, 7, 0, i, i, loc())) ok++;
    const t1 = hrtime();
    recorded += N;
    dropped += N - ok;
    return ((t1[0]! - t0[0]!) * 1e9 + (t1[1]! - t0[1]!)) / N;
  };

  // The floor any recorder of this design pays: the same clock read and the eight stores of one
  // record into a ring of the same size (no publishing, no location, no drain), for context.
  const floorRing = new Float64Array(RING * RECORD_SLOTS);
  let floorHead = 0;
  const floorNs = (): number => {
    const t0 = hrtime();
    for (let i = 0; i < N; i++) {
      const t = hrtime();
      const at = (floorHead++ & (RING - 1)) * RECORD_SLOTS;
      floorRing[at] = t[0]! * 1e3 + t[1]! / 1e6;
      floorRing[at + 1] = EventKind.WRITE;
      floorRing[at + 2] = 1;
      floorRing[at + 3] = 7;
      floorRing[at + 4] = 0;
      floorRing[at + 5] = i;
      floorRing[at + 6] = i;
      floorRing[at + 7] = -1;
    }
    const t1 = hrtime();
    return ((t1[0]! - t0[0]!) * 1e9 + (t1[1]! - t0[1]!)) / N;
  };

  const clock: number[] = [];
  const rec: number[] = [];
  const floor: number[] = [];
  const loops = [() => clock.push(clockNs()), () => rec.push(recorderNs()), () => floor.push(floorNs())];
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order: whichever loop runs first in a round runs a little faster here.
    for (let k = 0; k < loops.length; k++) loops[(r + k) % loops.length]!();
  }
  recorder.flush();

  const locationNs = (): number => {
    const n = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) captureCallerLocation();
    return ((performance.now() - t0) * 1e6) / n;
  };
  return {
    clock_ns: median(clock),
    recorder_ns_per_event: median(rec),
    // The median of per-round ratios: this machine's speed shifts every few hundred milliseconds,
    // and the two loops of one round run in the same state.
    recorder_over_clock: median(rec.map((ns, i) => ns / clock[i]!)),
    record_floor_over_clock: median(floor.map((ns, i) => ns / clock[i]!)),
    recorder_events: recorded,
    recorder_dropped: dropped,
    location_capture_ns: median([locationNs(), locationNs(), locationNs()]),
  };
}

if (isMainThread) {
  const control = allocateControlBlock();
  const ring = allocateEventRing(RING, new SharedArrayBuffer(4));
  const reader = new EventRingReader(ring.buffer);
  const bell = new Int32Array(ring.doorbell);
  const scratch = new Float64Array(RING * RECORD_SLOTS);
  let drained = 0;
  let done = false;
  // The drain side, as the supervisor's: sleeps on the doorbell (at most RING_DRAIN_MS), then drains.
  const drain = async (): Promise<void> => {
    while (!done) {
      const seen = Atomics.load(bell, 0);
      drained += reader.drainInto(scratch, 0, RING);
      const wait = Atomics.waitAsync(bell, 0, seen, RING_DRAIN_MS);
      if (wait.async) await wait.value;
    }
  };
  void drain();
  const boot: Boot = { ring, control, epoch: hrtimeMs() };
  const worker = new Worker(__filename, { workerData: boot });
  worker.on('message', (figures: Figures) => {
    done = true;
    drained += reader.drainInto(scratch, 0, RING);
    // Every event the thread recorded reached the drain (strings interned for locations add a few).
    const lost = figures.recorder_dropped > 0 || drained < figures.recorder_events;
    const out = { ...figures, recorder_events_drained: drained, ...(lost ? { recorder_over_clock: null } : {}) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    Atomics.add(bell, 0, 1);
    Atomics.notify(bell, 0);
  });
  worker.on('error', (error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  parentPort!.postMessage(measure(workerData as Boot));
}
