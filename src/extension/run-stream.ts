/**
 * One run's stream, host side: starts the runner child, forwards what it streams to the timeline
 * as it arrives, and remembers what the end of the run needs (footer, exit status, counts, the
 * runner's own output for when it dies without a footer).
 */
import type * as vscode from 'vscode';
import type { RunnerMessage } from '../shared/runner-protocol';
import { parseStepView, type StepAction, type StepView } from '../shared/step-protocol';
import { parseReportSummary } from './panel-messages';
import type { TraceFooter } from '../shared/trace-file';
import type { ToWebview } from './panel-messages';
import type { Launch } from './runner-launch';
import { runnerEndedMessage } from './outcome-message';
import { RunProcess, type RunExit } from './run-process';

export interface StreamEnd {
  exit: RunExit;
  footer: TraceFooter | null;
  exitStatus: number;
  batches: number;
  events: number;
  /** Why the run did not end with a footer, when it did not. */
  failure: string | null;
}

export class RunStream {
  private readonly process: RunProcess;
  private footer: TraceFooter | null = null;
  private exitStatus = -1;
  private batches = 0;
  private events = 0;
  private protocolError: string | null = null;
  private readonly output: string[] = [];
  /** Step mode: the last view the runner sent (a choice waiting for the user, or a run's end). */
  lastStep: StepView | null = null;
  readonly ended: Promise<StreamEnd>;

  constructor(
    launch: Launch,
    cwd: string,
    private readonly title: string,
    private readonly post: (m: ToWebview) => void,
    log: vscode.LogOutputChannel,
    private readonly onProgress: (events: number) => void,
  ) {
    this.process = new RunProcess(launch, cwd, {
      onMessage: (m) => this.onMessage(m),
      onOutput: (text, stream) => {
        this.output.push(text);
        for (const line of text.split(/\r?\n/)) if (line) (stream === 'stderr' ? log.warn(line) : log.info(line));
      },
      onProtocolError: (detail) => {
        this.protocolError = detail;
        log.error(detail);
      },
    });
    this.ended = this.process.exited.then((exit) => ({
      exit,
      footer: this.footer,
      exitStatus: this.exitStatus,
      batches: this.batches,
      events: this.events,
      failure: this.failure(exit),
    }));
  }

  stop(): void {
    this.process.stop();
  }

  kill(): void {
    this.process.kill();
  }

  detach(): void {
    this.process.detach();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Step mode: passes the user's answer to the runner (which checks it again). */
  answer(answer: StepAction): boolean {
    return this.process.send({ type: 'step', answer });
  }

  private onMessage(m: RunnerMessage): void {
    switch (m.type) {
      case 'started':
        this.post({ type: 'start', title: this.title, header: m.header });
        break;
      case 'batch':
        this.batches++;
        this.events += m.events.length / 8;
        this.post({ type: 'batch', strings: m.strings, events: m.events });
        if (this.batches % 16 === 0) this.onProgress(this.events);
        break;
      case 'finished':
        this.footer = m.footer;
        this.exitStatus = m.exitStatus;
        break;
      case 'step': {
        const view = parseStepView(m.view);
        if (!view) {
          this.protocolError = 'a malformed step view from the runner';
          break;
        }
        this.lastStep = view;
        // A run of the session has ended: the timeline shows its end and findings, as for any run.
        if (m.footer) this.post({ type: 'finished', footer: m.footer, exitStatus: m.footer.result === 'ok' ? 0 : 1 });
        const report = m.report === undefined || m.report === null ? null : parseReportSummary(m.report);
        if (report) this.post({ type: 'report', report });
        this.post({ type: 'step', view });
        break;
      }
      case 'step-refused':
        this.post({ type: 'stepRefused', reason: m.reason });
        break;
    }
  }

  private failure(exit: RunExit): string | null {
    if (exit.spawnError) return `could not start the runner: ${exit.spawnError.message}`;
    if (this.footer) return null;
    const tail = this.output.join('').trim().slice(-500);
    return this.protocolError ?? runnerEndedMessage(exit, tail);
  }
}
