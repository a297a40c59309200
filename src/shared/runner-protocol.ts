/**
 * Runner child process → its parent (the extension host), over Node's IPC channel
 * (`child_process.fork`-style `process.send`). The extension starts
 * `dist/cli.js run SCRIPT --ipc [--out TRACE] [--timeout MS]` with stdio 'ipc'; the runner then
 * streams batches as they are drained, never one message per event.
 */
import type { StepView } from './step-protocol';
import type { TraceFooter, TraceHeader } from './trace-file';

export type RunnerMessage =
  /** Sent once, before any batch. `tracePath` is where the trace file is being written. */
  | { type: 'started'; header: TraceHeader; tracePath: string }
  /** New strings (id → text) and events (float64 records, see events.ts), in drain order. */
  | { type: 'batch'; strings: [number, string][]; events: Float64Array }
  /** The run ended (also after a timeout, deadlock or stop). The trace file is complete, unless
   *  `traceError` says why it is not (a full disk: the file holds the run up to that point). */
  | { type: 'finished'; footer: TraceFooter; exitStatus: number; traceError?: string }
  /** Step mode (`--step`): a choice point waits for the user's answer, or a run has ended (then
   *  with its footer and its analysis, for the timeline: the session goes on until 'stop'). */
  | { type: 'step'; view: StepView; footer?: TraceFooter; report?: unknown }
  /** Step mode: the last answer could not be taken (that thread cannot move now, nothing to undo). */
  | { type: 'step-refused'; reason: string };

/** Parent → runner. In step mode 'stop' ends the session. */
export type RunnerCommand =
  | { type: 'stop' }
  /** Step mode: the user's answer (shared/step-protocol.ts's StepAction, checked on receipt). */
  | { type: 'step'; answer: unknown };
