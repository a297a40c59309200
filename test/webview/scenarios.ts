/** Synthetic traces with one lesson each, built as real .itrace bytes. */
import { EventKind } from '../../src/shared/events';
import { TraceBuilder } from './trace-builder';

const FILE = '/home/user/demos/race.ts';

/**
 * Two workers increment a shared counter without the lock (lost updates), then with it (lock
 * contention, release→acquire arrows). CPU samples give core lanes.
 */
export function raceTrace(): TraceBuilder {
  const b = new TraceBuilder();
  b.header.script = FILE;
  const counter = b.value('counter');
  const safe = b.value('safe counter');
  const lock = b.lock('counter lock');
  b.cpu(0, 0, 0);
  b.mark(0, 0.2, 'start workers', b.loc(FILE, 20));
  b.start(0, 1, 'Process-1', 0.5);
  b.start(0, 2, 'Process-2', 0.6);
  b.cpu(1, 0.55, 1);
  b.cpu(2, 0.65, 2);
  // Unlocked phase: ops sorted by time, executed against a simulated counter.
  const ops: { t: number; pid: number; kind: 'r' | 'w' }[] = [];
  for (let i = 0; i < 20; i++) {
    ops.push({ t: 1 + i * 0.4, pid: 1, kind: 'r' }, { t: 1 + i * 0.4 + 0.15, pid: 1, kind: 'w' });
    ops.push({ t: 1.1 + i * 0.4, pid: 2, kind: 'r' }, { t: 1.1 + i * 0.4 + 0.15, pid: 2, kind: 'w' });
  }
  ops.sort((x, y) => x.t - y.t);
  let value = 0;
  const seen = new Map<number, number>();
  for (const op of ops) {
    if (op.kind === 'r') {
      seen.set(op.pid, value);
      b.read(op.pid, counter, op.t, value, b.loc(FILE, 8, 20));
    } else {
      value = (seen.get(op.pid) ?? 0) + 1;
      b.write(op.pid, counter, op.t, value, b.loc(FILE, 8, 5));
    }
  }
  b.cpu(2, 6, 3);
  // Locked phase: worker 2 waits while worker 1 holds the lock, and vice versa.
  let t = 10;
  let safeValue = 0;
  for (let i = 0; i < 4; i++) {
    const holder = i % 2 === 0 ? 1 : 2;
    const waiter = holder === 1 ? 2 : 1;
    b.acquire(holder, lock, t, i === 0 ? undefined : t - 0.6, b.loc(FILE, 14));
    b.read(holder, safe, t + 0.1, safeValue, b.loc(FILE, 15));
    safeValue++;
    b.write(holder, safe, t + 0.2, safeValue, b.loc(FILE, 15));
    if (i === 0) b.ev(t + 0.3, EventKind.LOCK_REQUEST, waiter, lock, 0, 0, 0, b.loc(FILE, 14)).ev(t + 0.3, EventKind.BLOCK, waiter, lock, 1, -1);
    b.release(holder, lock, t + 0.9, true, b.loc(FILE, 16));
    if (i === 3) {
      b.ev(t + 0.9, EventKind.LOCK_REQUEST, waiter, lock).ev(t + 0.9, EventKind.BLOCK, waiter, lock, 1, -1);
    }
    t += 0.9;
  }
  b.acquire(1, lock, t + 0.05, t, b.loc(FILE, 14));
  b.release(1, lock, t + 0.5, false, b.loc(FILE, 16));
  b.sleep(2, 14, 15);
  b.span(1, 15, 16.5, 'report');
  b.exit(1, 17);
  b.exit(2, 17.2);
  b.join(0, 1, 0.7, 17.05);
  b.join(0, 2, 17.05, 17.25);
  b.mark(0, 17.4, `counter = ${value} (expected 40)`, b.loc(FILE, 30));
  b.exit(0, 17.5);
  b.finish('ok', 17.5);
  return b;
}

/** One producer, two consumers on a Queue: put→get arrows with sequence numbers. */
export function queueTrace(): TraceBuilder {
  const b = new TraceBuilder();
  const file = '/home/user/demos/queue.ts';
  b.header.script = file;
  const q = b.queue('jobs');
  b.start(0, 1, 'producer', 0.2);
  b.start(0, 2, 'consumer-A', 0.3);
  b.start(0, 3, 'consumer-B', 0.4);
  const gets: [number, number][] = [];
  for (let i = 0; i < 6; i++) {
    const seq = b.put(1, q, 1 + i * 1.2, b.loc(file, 10));
    gets.push([seq, 1 + i * 1.2 + 0.45]);
  }
  // Consumers alternate; each blocks on the queue until its item arrives.
  let lastA = 0.5;
  let lastB = 0.5;
  for (const [seq, t] of gets) {
    const pid = seq % 2 === 1 ? 2 : 3;
    const from = pid === 2 ? lastA : lastB;
    b.get(pid, q, t, seq, 1, from, b.loc(file, 18));
    if (pid === 2) lastA = t + 0.3;
    else lastB = t + 0.3;
  }
  b.exit(1, 8.5);
  b.exit(2, 8.6);
  b.exit(3, 8.7);
  b.join(0, 1, 0.5, 8.75);
  b.exit(0, 9);
  b.finish('ok', 9);
  return b;
}

/** The classic two-lock deadlock, stopped by the supervisor. */
export function deadlockTrace(): TraceBuilder {
  const b = new TraceBuilder();
  const file = '/home/user/demos/deadlock.ts';
  b.header.script = file;
  const A = b.lock('lock A');
  const B = b.lock('lock B');
  b.start(0, 1, 'Process-1', 0.2);
  b.start(0, 2, 'Process-2', 0.25);
  b.acquire(1, A, 1, undefined, b.loc(file, 6));
  b.acquire(2, B, 1.1, undefined, b.loc(file, 12));
  b.blockOn(1, B, 2, b.loc(file, 7));
  b.blockOn(2, A, 2.1, b.loc(file, 13));
  b.ev(0.3, EventKind.BLOCK, 0, 1, 2, -1);
  b.ev(6, EventKind.PROC_EXIT, 1, 1, 1, -1, 4);
  b.finish('deadlock', 6, {
    message: 'deadlock: Process-1 and Process-2 wait for each other',
    deadlock: { edges: [{ waiter: 1, object: B, holder: 2 }, { waiter: 2, object: A, holder: 1 }] },
  });
  return b;
}

export const HOSTILE = {
  worker: '<img src=x onerror="window.__pwned=1">',
  object: '<script>window.__pwned=2</script>',
  marker: '"><svg onload="window.__pwned=3"><b>',
  error: '</script><script>window.__pwned=4</script>',
  title: '<iframe src="javascript:window.__pwned=5">',
};

/** Names and labels that are markup and script payloads. */
export function hostileTrace(): TraceBuilder {
  const b = new TraceBuilder();
  b.header.script = HOSTILE.title;
  const v = b.value(HOSTILE.object);
  const l = b.lock(`${HOSTILE.object} lock`);
  b.start(0, 1, HOSTILE.worker, 0.1);
  b.mark(1, 0.5, HOSTILE.marker, b.loc(`/x/${HOSTILE.worker}.ts`, 3));
  b.span(1, 0.6, 2.5, HOSTILE.marker);
  b.acquire(1, l, 0.7);
  b.read(1, v, 0.8, 0);
  b.write(1, v, 0.9, 1);
  b.release(1, l, 1.0);
  b.exit(1, 3, 1, HOSTILE.error);
  b.exit(0, 3.5);
  b.finish('error', 3.5);
  if (b.footer) b.footer.processes[1] = { id: 1, name: HOSTILE.worker, exitCode: 1, error: HOSTILE.error };
  return b;
}

/** Pool.map over two workers: submit→run and end→result arrows, task brackets on the workers. */
export function poolTrace(): TraceBuilder {
  const b = new TraceBuilder();
  b.header.script = '/home/user/demos/pool.ts';
  const pool = b.object(11, 'Pool-1');
  b.start(0, 1, 'PoolWorker-1', 0.1);
  b.start(0, 2, 'PoolWorker-2', 0.15);
  b.ev(0.5, EventKind.BLOCK, 0, pool, 9, -1);
  for (let task = 1; task <= 4; task++) {
    const worker = task % 2 === 1 ? 1 : 2;
    const t = 0.3 + task * 0.05;
    b.ev(t, EventKind.TASK_SUBMIT, 0, pool, task, 2, (task - 1) * 2);
    const start = 1 + Math.floor((task - 1) / 2) * 2;
    b.ev(start, EventKind.TASK_START, worker, pool, task);
    b.ev(start + 1.6, EventKind.TASK_END, worker, pool, task, 1);
    b.ev(start + 1.7, EventKind.TASK_RESULT, 0, pool, task);
  }
  b.ev(5.8, EventKind.UNBLOCK, 0, pool, 9, 1);
  b.exit(1, 6);
  b.exit(2, 6);
  b.exit(0, 6.2);
  b.finish('ok', 6.2);
  return b;
}
