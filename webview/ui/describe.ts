/** Plain-language descriptions of events, for tooltips and the detail pane. */
import { BlockReason, EventKind, Slot, blockReasonName, eventKindName, objectKindName } from '../../src/shared/events';
import { type Location, parseLocation } from '../model/locations';
import type { TraceModel } from '../model/trace-model';
import { formatMs } from './format';

export interface EventDetail {
  title: string;
  fields: [string, string][];
  location: Location | null;
}

function timeoutText(ms: number): string {
  return ms < 0 ? 'untimed' : `timeout ${formatMs(ms)}`;
}

/** Event kinds whose title says what every value of the record means. */
const DESCRIBED = new Set<number>([
  EventKind.PROC_START, EventKind.PROC_BEGIN, EventKind.PROC_EXIT, EventKind.PROC_JOINED, EventKind.PROC_TERMINATE,
  EventKind.BLOCK, EventKind.UNBLOCK, EventKind.LOCK_REQUEST, EventKind.LOCK_ACQUIRED, EventKind.LOCK_RELEASED,
  EventKind.LOCK_FAILED, EventKind.READ, EventKind.WRITE, EventKind.QUEUE_PUT, EventKind.QUEUE_GET, EventKind.TASK_SUBMIT,
  EventKind.TASK_START, EventKind.TASK_END, EventKind.TASK_RESULT, EventKind.MARK, EventKind.SPAN_BEGIN, EventKind.SPAN_END,
]);

export function describeEvent(model: TraceModel, ref: number): EventDetail {
  const [t, kind, pid, obj, a, b, c, locId] = model.store.record(ref);
  const who = model.processName(pid);
  const what = obj >= 0 ? model.objectName(obj) : '';
  const objKind = model.objects.get(obj)?.kind;
  let title: string;
  switch (kind) {
    case EventKind.PROC_START: title = `${who} started ${model.processName(obj)}`; break;
    case EventKind.PROC_BEGIN: title = `${who} began`; break;
    case EventKind.PROC_EXIT: {
      const err = b >= 0 ? model.name(b) : undefined;
      title = `${model.processName(obj)} exited with code ${a}${err ? `: ${err}` : ''}`;
      break;
    }
    case EventKind.PROC_JOINED: title = `${who} joined ${model.processName(obj)}${a === 1 ? '' : ' (timed out)'}`; break;
    case EventKind.PROC_TERMINATE: title = `${who} terminated ${model.processName(obj)}`; break;
    case EventKind.BLOCK:
      // (a join's obj is the joined process, not an object: name the process)
      const on = a === BlockReason.JOIN ? model.processName(obj) : what;
      title = a === BlockReason.SLEEP ? `${who} sleeps (${formatMs(b)})` : `${who} blocked on ${blockReasonName(a)}${on ? ` ${on}` : ''} (${timeoutText(b)})`;
      break;
    case EventKind.UNBLOCK: title = `${who} resumed after ${blockReasonName(a)}${b === 1 ? '' : ' (timed out)'}`; break;
    case EventKind.LOCK_REQUEST: title = `${who} requested ${what}`; break;
    case EventKind.LOCK_ACQUIRED: title = `${who} acquired ${what} (#${a}${b === 1 ? ', after waiting' : ''})`; break;
    case EventKind.LOCK_RELEASED: title = `${who} released ${what} (#${a}${b === 1 ? ', waiters present' : ''})`; break;
    case EventKind.LOCK_FAILED: title = `${who} gave up acquiring ${what}`; break;
    case EventKind.READ: title = `${who} read ${what}${objKind === 2 ? `[${a}]` : ''} = ${b} (version ${c})`; break;
    case EventKind.WRITE: title = `${who} wrote ${what}${objKind === 2 ? `[${a}]` : ''} = ${b} (version ${c} → ${c + 1})`; break;
    case EventKind.QUEUE_PUT: title = `${who} put item #${a} on ${what} (${b} bytes)`; break;
    case EventKind.QUEUE_GET: title = `${who} got item #${a} from ${what} (put by ${model.processName(b)})`; break;
    case EventKind.TASK_SUBMIT: title = `${who} submitted task ${a} to ${what} (${b} items)`; break;
    case EventKind.TASK_START: title = `${who} started task ${a}`; break;
    case EventKind.TASK_END: title = `${who} finished task ${a}${b === 1 ? '' : ' (threw)'}`; break;
    case EventKind.TASK_RESULT: title = `${who} received the result of task ${a}`; break;
    case EventKind.MARK: title = `${who}: ${model.name(a) ?? 'mark'}`; break;
    case EventKind.SPAN_BEGIN: title = `${who}: span “${model.name(a) ?? ''}” began`; break;
    case EventKind.SPAN_END: title = `${who}: span “${model.name(a) ?? ''}” ended`; break;
    default: title = `${who}: ${eventKindName(kind)}${what ? ` ${what}` : ''}`;
  }
  // The record's raw slots only where the title above does not say what they mean.
  const raw = !DESCRIBED.has(kind);
  const fields: [string, string][] = [
    ['event', eventKindName(kind)],
    ['time', formatMs(t, 6)],
    ['worker', `${who} (id ${pid})`],
  ];
  const aboutProcess = kind >= EventKind.PROC_START && kind <= EventKind.PROC_TERMINATE || kind === EventKind.CPU;
  if (!aboutProcess && obj >= 0 && model.objects.has(obj)) fields.push(['object', `${what} (${objectKindName(objKind ?? 0)})`]);
  if (raw) fields.push(['values', `a=${a} b=${b} c=${c}`]);
  const location = locId >= 0 ? parseLocation(model.name(locId)) : null;
  if (location) fields.push(['source', `${location.file}:${location.line}`]);
  return { title, fields, location };
}

export function eventLocation(model: TraceModel, ref: number): Location | null {
  const id = model.store.slot(ref, Slot.loc);
  return id >= 0 ? parseLocation(model.name(id)) : null;
}
