/**
 * What `run --replay` accepts: a trace made in scheduling mode (its footer holds the schedule) or
 * the one-line schedule itself.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../run-command';
import { loadTraceFile } from '../trace-load';
import type { ScheduledRun } from '../supervisor';
import { GuidedStrategy } from './guided';
import { decodeSchedule, isScheduleString } from './schedule-string';

export interface Replay {
  run: ScheduledRun;
  strategy: GuidedStrategy;
}

export function replayOf(traceOrSchedule: string): Replay {
  let schedule: string;
  if (isScheduleString(traceOrSchedule)) {
    schedule = traceOrSchedule;
  } else if (existsSync(traceOrSchedule)) {
    const footer = loadTraceFile(traceOrSchedule).footer;
    if (!footer?.schedule) throw new UsageError(`--replay: ${traceOrSchedule} was not made in scheduling mode (by explore or --replay); it holds no schedule`);
    schedule = footer.schedule.schedule;
  } else {
    throw new UsageError(`--replay takes a trace made by explore or a schedule (is1:...), got '${traceOrSchedule}'`);
  }
  let choices: number[];
  try {
    choices = decodeSchedule(schedule);
  } catch (error) {
    throw new UsageError(`--replay: ${(error as Error).message}`);
  }
  const strategy = new GuidedStrategy(choices);
  return { strategy, run: { strategy, info: { strategy: 'replay', seed: 0, depth: null } } };
}
