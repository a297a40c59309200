/** Pool task flows: each task's submit → start → end → result, with the worker that ran it. */
import { EventKind } from '../shared/events';
import type { TaskFlow } from './report';
import type { TraceModel } from './trace-model';

export class TaskFlows {
  readonly list: TaskFlow[] = [];
  private readonly byPool = new Map<number, Map<number, TaskFlow>>();

  constructor(private readonly model: TraceModel) {}

  visit(pid: number, r: number, kind: number, pool: number, task: number, b: number): void {
    if (kind === EventKind.TASK_SUBMIT) {
      let tasks = this.byPool.get(pool);
      if (!tasks) { tasks = new Map(); this.byPool.set(pool, tasks); }
      const flow: TaskFlow = {
        poolId: pool,
        pool: this.model.objectName(pool),
        task,
        items: b,
        callerPid: pid,
        workerPid: null,
        submitRecord: r,
        startRecord: null,
        endRecord: null,
        resultRecord: null,
        ok: null,
      };
      tasks.set(task, flow);
      this.list.push(flow);
      return;
    }
    const flow = this.byPool.get(pool)?.get(task);
    if (!flow) return;
    if (kind === EventKind.TASK_START) {
      flow.workerPid = pid;
      flow.startRecord = r;
    } else if (kind === EventKind.TASK_END) {
      flow.endRecord = r;
      flow.ok = b === 1;
    } else if (kind === EventKind.TASK_RESULT) {
      flow.resultRecord = r;
      this.byPool.get(pool)?.delete(task);
    }
  }
}
