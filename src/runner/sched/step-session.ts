/**
 * A step-mode session (`interleave run SCRIPT --step`): runs the script with the user as the
 * scheduler, shows each choice point through a StepChannel (a terminal, or the extension over IPC)
 * and lets the user pick, undo, or stop. Undo reruns the script from the start under the choices so
 * far minus the last: replay is exact, so the new run reaches the same point with the same values,
 * and the user chooses again there. Once the run has ended the user can still undo (the last
 * choice is taken back) or stop, which ends the session with that run as its result.
 */
import type { Report } from '../../analysis';
import type { StepAction, StepView } from '../../shared/step-protocol';
import type { TraceFooter } from '../../shared/trace-file';
import { analyzeFile } from '../analyze-file';
import { Supervisor, type RunOptions, type RunOutcome } from '../supervisor';
import { encodeSchedule } from './schedule-string';
import { StepStrategy } from './step';
import { ValueWatch, stepView } from './step-view';
import type { Candidate } from './strategy';

export interface StepChannel {
  /** Shows a choice point, or the run's end (then `end` holds its footer and analysis). */
  show(view: StepView, end?: { footer: TraceFooter; report: Report | null }): void;
  /** Says why the last answer could not be taken. */
  refuse(reason: string): void;
  /** The user's next answer ('stop' once the input has ended). */
  next(): Promise<StepAction>;
}

export interface StepSessionOptions {
  run: Omit<RunOptions, 'schedule'>;
  /** Choices to replay before the first question (`--step --replay SCHEDULE`). */
  prefix: readonly number[];
  channel: StepChannel;
  /** Each run's supervisor as it starts (one per undo). */
  onSupervisor?: (supervisor: Supervisor) => void;
}

export class StepSession {
  private supervisor: Supervisor | null = null;
  private watch = new ValueWatch();
  private stopped = false;
  /** Runs started so far: the first, and one per undo. */
  runs = 0;

  constructor(private readonly options: StepSessionOptions) {}

  /** Ends the session (a signal, the extension's Stop): the run in progress is stopped. */
  stop(message = 'stopped by the user'): void {
    this.stopped = true;
    this.supervisor?.stop('error', message);
  }

  /** Runs until the user stops; resolves with the last run's outcome. */
  async run(): Promise<RunOutcome> {
    let prefix = this.options.prefix;
    for (;;) {
      const { outcome, strategy, undone } = await this.runOnce(prefix);
      if (undone) {
        prefix = strategy.choices.slice(0, -1);
        continue;
      }
      if (this.stopped) return outcome;
      const back = await this.atEnd(outcome, strategy.choices);
      if (!back) return outcome;
      prefix = strategy.choices.slice(0, -1);
    }
  }

  private async runOnce(prefix: readonly number[]): Promise<{ outcome: RunOutcome; strategy: StepStrategy; undone: boolean }> {
    let undone = false;
    const channel = this.options.channel;
    const strategy = new StepStrategy(prefix, (enabled, _index) => void answer(enabled));
    const watch = new ValueWatch();
    this.watch = watch;
    const onBatch = this.options.run.onBatch;
    const supervisor = new Supervisor({
      ...this.options.run,
      onBatch: (strings, events) => {
        watch.noteBatch(events);
        onBatch?.(strings, events);
      },
      schedule: { strategy, info: { strategy: 'step', seed: 0, depth: null }, locate: true },
    });
    const answer = async (enabled: readonly Candidate[]): Promise<void> => {
      const insides = supervisor.inspect();
      if (insides) channel.show(stepView(insides, enabled, strategy.choices, watch.atChoice(insides)));
      for (;;) {
        const said = await channel.next();
        if (this.stopped) return;
        if (said.action === 'pick') {
          if (strategy.decide(said.pid)) return;
          channel.refuse(`pid ${said.pid} cannot move now: pick one of ${enabled.map((c) => c.pid).join(', ')}`);
        } else if (said.action === 'undo') {
          if (strategy.choices.length === 0) {
            channel.refuse('nothing to undo: this is the first choice');
            continue;
          }
          undone = true;
          supervisor.stop('error', 'undone in step mode');
          return;
        } else {
          this.stop();
          return;
        }
      }
    };
    strategy.wake = () => supervisor.wakeScheduler();
    this.supervisor = supervisor;
    this.runs++;
    this.options.onSupervisor?.(supervisor);
    if (this.stopped) supervisor.stop('error', 'stopped by the user');
    const outcome = await supervisor.run();
    return { outcome, strategy, undone };
  }

  /** The run has ended: shows how, and waits for undo (true) or stop (false). */
  private async atEnd(outcome: RunOutcome, choices: readonly number[]): Promise<boolean> {
    const channel = this.options.channel;
    let report: Report | null = null;
    try {
      report = analyzeFile(outcome.tracePath);
    } catch {
      // A trace that cannot be analysed still has its values and result to show.
    }
    const insides = this.supervisor?.inspect() ?? null;
    const view: StepView = {
      index: choices.length,
      schedule: encodeSchedule(choices),
      canUndo: choices.length > 0,
      threads: [],
      values: insides ? this.watch.atEnd(insides) : [],
      ended: {
        result: outcome.footer.result,
        message: outcome.footer.message,
        findings: (report?.findings ?? []).map((f) => ({ kind: f.kind, message: f.message })),
      },
    };
    channel.show(view, { footer: outcome.footer, report });
    for (;;) {
      const said = await channel.next();
      if (this.stopped || said.action === 'stop') return false;
      if (said.action === 'undo' && choices.length > 0) return true;
      channel.refuse(said.action === 'undo' ? 'nothing to undo: the run had no choice to take back' : 'the run has ended: undo, or stop');
    }
  }
}
