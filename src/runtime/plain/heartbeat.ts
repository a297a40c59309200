/**
 * The heartbeat of a plain program's thread (see shared/plain-table.ts): an unref'd timer that,
 * whenever the thread's event loop runs it, writes the time and whether what keeps the loop alive
 * is only message ports. The deadlock detector takes a thread with a fresh heartbeat and nothing
 * but ports for idle: it can only run again if somebody sends it a message.
 *
 * process.getActiveResourcesInfo() lists the ref'd resources (unref'd timers, such as this one,
 * are not listed; a Worker object shows as its MessagePort): 'MessagePort' is the only kind that
 * needs another thread to act. Anything else (a Timeout, an Immediate, a file or socket request)
 * could wake the thread by itself.
 */
import { HEARTBEAT_MS, HeartbeatFlag, heartbeatFlagsIndex, heartbeatIndex } from '../../shared/plain-table';
import { now } from '../clock';
import { rt } from '../context';
import { forgetEachRun } from '../run-scope';

const PORT_ONLY = new Set(['MessagePort', 'Worker']);

function beat(): void {
  const r = rt();
  const pid = r.boot.pid;
  let flags: number = HeartbeatFlag.ONLY_PORTS;
  for (const kind of process.getActiveResourcesInfo()) {
    if (!PORT_ONLY.has(kind)) {
      flags = 0;
      break;
    }
  }
  Atomics.store(r.plain, heartbeatFlagsIndex(pid), flags);
  Atomics.store(r.plain, heartbeatIndex(pid), Math.max(1, Math.floor(now())));
}

let timer: NodeJS.Timeout | null = null;
forgetEachRun(() => {
  if (timer) clearInterval(timer);
  timer = null;
});

export function startHeartbeat(): void {
  beat();
  timer = setInterval(beat, HEARTBEAT_MS).unref();
}
