/**
 * Chrome Trace Event Format (opens in Perfetto and chrome://tracing): one thread per process with
 * its lifetime, blocked spans and lock holds as slices, markers as instants, and flow arrows for
 * release → the acquire it unblocked and for queue put → get.
 */
import { BlockReason, EventKind, RECORD_SLOTS, blockReasonName } from '../shared/events';
import { defaultProcessName } from '../shared/names';
import type { ParsedTrace } from '../shared/trace-file';

interface ChromeEvent {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  cat?: string;
  id?: number;
  bp?: string;
  s?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeEvent[];
  displayTimeUnit: 'ms';
}

const PID = 1;
const us = (ms: number): number => Math.round(ms * 1000 * 1000) / 1000;

export function toChromeTrace(trace: ParsedTrace): ChromeTrace {
  const events = trace.events;
  const order = Array.from({ length: events.length / RECORD_SLOTS }, (_, i) => i);
  order.sort((a, b) => events[a * RECORD_SLOTS]! - events[b * RECORD_SLOTS]! || a - b);
  const str = (id: number): string => trace.strings.get(id) ?? `#${id}`;
  // The footer names every thread (a plain program's main thread is "main"); PROC_START names
  // the rest of a trace cut short.
  const names = new Map<number, string>([[0, trace.footer?.processes.find((p) => p.id === 0)?.name ?? 'MainProcess']]);
  const objects = new Map<number, string>();
  const out: ChromeEvent[] = [];
  const begin = new Map<number, number>();
  const blocked = new Map<number, { ts: number; reason: number; obj: number }>();
  const holds = new Map<string, number>();
  const releases = new Map<string, { ts: number; tid: number }>();
  const puts = new Map<string, { ts: number; tid: number }>();
  let flowId = 1;
  let end = 0;

  for (const i of order) {
    const at = i * RECORD_SLOTS;
    const t = events[at]!;
    const kind = events[at + 1]!;
    const tid = events[at + 2]!;
    const obj = events[at + 3]!;
    const a = events[at + 4]!;
    const b = events[at + 5]!;
    end = Math.max(end, t);
    switch (kind) {
      case EventKind.OBJ_CREATE: objects.set(obj, str(b)); break;
      case EventKind.PROC_START: names.set(obj, str(a)); break;
      case EventKind.PROC_BEGIN: begin.set(tid, t); break;
      case EventKind.PROC_EXIT: {
        const start = begin.get(obj) ?? t;
        out.push({ name: names.get(obj) ?? defaultProcessName(obj), ph: 'X', ts: us(start), dur: us(t - start), pid: PID, tid: obj, cat: 'process', args: { exitCode: a, error: b >= 0 || b < -1 ? str(b) : null } });
        begin.delete(obj);
        break;
      }
      case EventKind.BLOCK: blocked.set(tid, { ts: t, reason: a, obj }); break;
      case EventKind.UNBLOCK: {
        const from = blocked.get(tid);
        if (from) {
          const what = from.reason === BlockReason.SLEEP ? 'sleep' : `blocked: ${blockReasonName(from.reason)}${from.obj >= 0 && from.reason !== BlockReason.JOIN ? ` ${objects.get(from.obj) ?? ''}` : ''}`;
          out.push({ name: what, ph: 'X', ts: us(from.ts), dur: us(t - from.ts), pid: PID, tid, cat: 'wait' });
          blocked.delete(tid);
        }
        break;
      }
      case EventKind.LOCK_ACQUIRED: {
        holds.set(`${obj}:${tid}`, t);
        const release = releases.get(`${obj}:${a - 1}`);
        if (b === 1 && release) {
          const id = flowId++;
          out.push({ name: 'unblocked', ph: 's', ts: us(release.ts), pid: PID, tid: release.tid, id, cat: 'lock' });
          out.push({ name: 'unblocked', ph: 'f', bp: 'e', ts: us(t), pid: PID, tid, id, cat: 'lock' });
        }
        break;
      }
      case EventKind.LOCK_RELEASED: {
        const start = holds.get(`${obj}:${tid}`);
        if (start !== undefined) {
          out.push({ name: `hold ${objects.get(obj) ?? `lock ${obj}`}`, ph: 'X', ts: us(start), dur: us(t - start), pid: PID, tid, cat: 'lock' });
          holds.delete(`${obj}:${tid}`);
        }
        releases.set(`${obj}:${a}`, { ts: t, tid });
        break;
      }
      case EventKind.QUEUE_PUT: puts.set(`${obj}:${a}`, { ts: t, tid }); break;
      case EventKind.QUEUE_GET: {
        const put = puts.get(`${obj}:${a}`);
        if (put) {
          const id = flowId++;
          const name = `${objects.get(obj) ?? 'queue'} #${a}`;
          out.push({ name, ph: 's', ts: us(put.ts), pid: PID, tid: put.tid, id, cat: 'queue' });
          out.push({ name, ph: 'f', bp: 'e', ts: us(t), pid: PID, tid, id, cat: 'queue' });
        }
        break;
      }
      case EventKind.MARK: out.push({ name: str(a), ph: 'i', s: 't', ts: us(t), pid: PID, tid, cat: 'mark' }); break;
    }
  }
  // Processes still running when the trace ended (a cut-short run) get a slice to its end.
  for (const [tid, start] of begin) out.push({ name: names.get(tid) ?? defaultProcessName(tid), ph: 'X', ts: us(start), dur: us(end - start), pid: PID, tid, cat: 'process' });
  for (const [tid, name] of names) out.push({ name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid, args: { name } });
  out.push({ name: 'process_name', ph: 'M', ts: 0, pid: PID, tid: 0, args: { name: `interleave: ${trace.header.script}` } });
  return { traceEvents: out, displayTimeUnit: 'ms' };
}
