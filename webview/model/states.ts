/**
 * The states a lane can show, and the point categories drawn as ticks. Each has a name for the
 * legend and tooltips, so nothing is told by colour alone (the renderer also gives each state its
 * own fill pattern or height).
 */
import { BlockReason } from '../../src/shared/events';

export const State = {
  RUNNING: 1,
  BLOCKED_LOCK: 2,
  BLOCKED_QUEUE: 3,
  BLOCKED_JOIN: 4,
  SLEEPING: 5,
  WAITING: 6,
  /** Lock lanes (Tracy's three states). */
  HOLDING: 10,
  CONTENDED: 11,
  LOCK_WAIT: 12,
  /** User span (span(label, fn)) and pool task, drawn as brackets on a worker lane. */
  USER_SPAN: 20,
  TASK: 21,
} as const;
export type State = (typeof State)[keyof typeof State];

export const stateLabel: Record<number, string> = {
  [State.RUNNING]: 'running',
  [State.BLOCKED_LOCK]: 'blocked on a lock',
  [State.BLOCKED_QUEUE]: 'blocked on a queue',
  [State.BLOCKED_JOIN]: 'blocked on join / pool result',
  [State.SLEEPING]: 'sleeping',
  [State.WAITING]: 'waiting (event, condition, barrier, Atomics.wait)',
  [State.HOLDING]: 'holding',
  [State.CONTENDED]: 'holding while others wait',
  [State.LOCK_WAIT]: 'waiting for the lock',
  [State.USER_SPAN]: 'span',
  [State.TASK]: 'pool task',
};

export function stateOfBlock(reason: number): State {
  switch (reason) {
    case BlockReason.LOCK:
    case BlockReason.SEMAPHORE:
      return State.BLOCKED_LOCK;
    case BlockReason.QUEUE_GET:
    case BlockReason.QUEUE_PUT:
      return State.BLOCKED_QUEUE;
    case BlockReason.JOIN:
    case BlockReason.POOL:
      return State.BLOCKED_JOIN;
    case BlockReason.SLEEP:
      return State.SLEEPING;
    default:
      return State.WAITING;
  }
}

/** Point categories (ticks on worker and object lanes). */
export const Point = {
  READ: 1,
  WRITE: 2,
  LOCK: 3,
  QUEUE_PUT: 4,
  QUEUE_GET: 5,
  MARK: 6,
  SYNC: 7,
  LIFECYCLE: 8,
  ERROR: 9,
  TASK: 10,
} as const;

export const pointLabel: Record<number, string> = {
  [Point.READ]: 'read',
  [Point.WRITE]: 'write',
  [Point.LOCK]: 'lock operation',
  [Point.QUEUE_PUT]: 'queue put',
  [Point.QUEUE_GET]: 'queue get',
  [Point.MARK]: 'marker',
  [Point.SYNC]: 'synchronisation',
  [Point.LIFECYCLE]: 'process lifecycle',
  [Point.ERROR]: 'error',
  [Point.TASK]: 'pool task',
};

/** Filterable categories of what is drawn. */
export const CATEGORIES = ['states', 'memory', 'locks', 'queues', 'tasks', 'markers', 'flows', 'cores'] as const;
export type Category = (typeof CATEGORIES)[number];

export function categoryOfPoint(p: number): Category {
  switch (p) {
    case Point.READ:
    case Point.WRITE:
      return 'memory';
    case Point.LOCK:
    case Point.SYNC:
      return 'locks';
    case Point.QUEUE_PUT:
    case Point.QUEUE_GET:
      return 'queues';
    case Point.TASK:
      return 'tasks';
    default:
      return 'markers';
  }
}
