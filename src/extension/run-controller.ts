/**
 * Runs one script at a time and fans its stream out: to the timeline panel (live), the status bar
 * (Stop), the log, and at the end the Problems panel. The straight data path of the architecture, host
 * side: runner child → batches → panel; trace file → report → diagnostics.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StepAction, StepView } from '../shared/step-protocol';
import type { TraceFooter } from '../shared/trace-file';
import { reportTrace } from './cli';
import type { FindingDiagnostics } from './diagnostics';
import type { Notices } from './notices';
import { describeOutcome } from './outcome-message';
import type { Report } from './report';
import { runLaunch, type LaunchOptions } from './runner-launch';
import { RunStream, type StreamEnd } from './run-stream';
import type { RunOutcome, RunRequest } from './run-types';
import type { RunDefaults } from './settings-types';
import type { RunStatusBar } from './status-bar';
import type { TimelinePanels } from './timeline-panel';
import { readTraceFooter } from './trace-loader';
import { ensureTrusted } from './trust';

interface ActiveRun {
  title: string;
  /** A step session: the runner waits for the user's answers. */
  step: boolean;
  stream: RunStream;
  stoppedByUser: boolean;
  done: Promise<RunOutcome>;
}

export class RunController implements vscode.Disposable {
  private active: ActiveRun | undefined;
  private last: RunOutcome | undefined;
  private readonly finished = new vscode.EventEmitter<RunOutcome>();
  readonly onDidFinishRun = this.finished.event;

  constructor(
    private readonly storageDir: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly panels: TimelinePanels,
    private readonly diagnostics: FindingDiagnostics,
    private readonly statusBar: RunStatusBar,
    private readonly launchOptions: () => LaunchOptions,
    /** The settings a run is launched with, read when it starts. */
    private readonly runDefaults: () => RunDefaults,
    private readonly notices: Notices,
  ) {}

  get isRunning(): boolean {
    return this.active !== undefined;
  }

  get lastOutcome(): RunOutcome | undefined {
    return this.last;
  }

  /** Step mode: the view the user is answering now, when a step session is going. */
  get stepView(): StepView | undefined {
    return this.active?.step ? this.active.stream.lastStep ?? undefined : undefined;
  }

  /** Step mode: the user's answer (from the step panel), passed to the session's runner. */
  answerStep(answer: StepAction): boolean {
    if (!this.active?.step) return false;
    return this.active.stream.answer(answer);
  }

  /** Starts a run (stopping the one going, if any) and resolves when it has ended. */
  async run(request: RunRequest): Promise<RunOutcome | undefined> {
    if (!ensureTrusted(`run ${request.title}`)) return undefined;
    const tracePath = path.join(this.storageDir, 'traces', `${request.traceName.replace(/[^\w.-]+/g, '_')}.itrace`);
    await fs.mkdir(path.dirname(tracePath), { recursive: true });
    // One run at a time: a new run replaces the one going (checked after every await).
    for (;;) {
      while (this.active) {
        this.stop();
        await this.active.done;
      }
      // The last run of the same name left its trace here: gone first, so that a run that never
      // writes one (the runner cannot start) is not reported with the old run's trace.
      await fs.rm(tracePath, { force: true });
      if (!this.active) break;
    }
    return this.start(request, tracePath);
  }

  stop(): boolean {
    if (!this.active) return false;
    this.log.info(`stopping ${this.active.title}`);
    this.active.stoppedByUser = true;
    this.active.stream.stop();
    return true;
  }

  private start(request: RunRequest, tracePath: string): Promise<RunOutcome> {
    const began = performance.now();
    const opts = this.launchOptions();
    const defaults = this.runDefaults();
    const launch = runLaunch(
      opts, request.script, tracePath, request.options?.timeoutMs ?? defaults.timeoutMs,
      request.options?.workerHeapMb ?? defaults.workerHeapMb, request.options?.sharedHeapMb ?? defaults.sharedHeapMb, request.replay, request.step === true,
    );
    this.log.info(`run ${request.title}: ${launch.command} ${launch.args.join(' ')}`);
    this.diagnostics.clear();
    this.panels.show(request.title, request.baseDir, tracePath);
    const stream = new RunStream(launch, request.baseDir, request.title, (m) => this.panels.post(m), this.log, (n) => this.statusBar.progress(n));
    this.statusBar.running(request.title);
    void vscode.commands.executeCommand('setContext', 'interleave.running', true);

    const run: ActiveRun = {
      title: request.title,
      step: request.step === true,
      stream,
      stoppedByUser: false,
      done: stream.ended
        .then((end) => this.finish(run, request, tracePath, opts, end, began))
        .finally(() => {
          // Even if finishing failed, this run is over: the next one must not wait for it.
          if (this.active !== run) return;
          this.active = undefined;
          this.statusBar.idle();
          void vscode.commands.executeCommand('setContext', 'interleave.running', false);
        }),
    };
    this.active = run;
    return run.done;
  }

  private async finish(run: ActiveRun, request: RunRequest, tracePath: string, opts: LaunchOptions, ended: StreamEnd, began: number): Promise<RunOutcome> {
    const end = withFooterFromFile(ended, tracePath, this.log);
    let report: Report | undefined;
    if (end.footer || (await exists(tracePath))) {
      report = await reportTrace(opts, tracePath).catch((error: unknown) => {
        this.log.warn(`no findings for ${request.title}: ${String(error)}`);
        return undefined;
      });
    }
    const findings = report?.findings ?? [];
    this.diagnostics.show(findings, request.baseDir);
    const durationMs = performance.now() - began;
    const said = describeOutcome({ title: request.title, footer: end.footer, failure: end.failure, findings, stoppedByUser: run.stoppedByUser });
    this.panels.post({ type: 'finished', footer: end.footer ?? crashFooter(end.failure, durationMs), exitStatus: end.footer ? end.exitStatus : 1 });
    if (report) this.panels.post({ type: 'report', report });
    if (run.step) this.panels.post({ type: 'stepEnd' });
    const outcome: RunOutcome = {
      script: request.script,
      tracePath,
      exitStatus: end.footer ? end.exitStatus : -1,
      result: end.footer ? end.footer.result : 'crashed',
      message: end.failure ?? end.footer?.message ?? null,
      summary: said.text,
      batches: end.batches,
      events: end.events,
      findings,
      durationMs,
      stoppedByUser: run.stoppedByUser,
    };
    this.log.info(`${request.title}: ${outcome.result}, exit ${outcome.exitStatus}, ${outcome.events} events, ${findings.length} findings, ${Math.round(durationMs)} ms`);
    if (request.notify !== false && (outcome.result !== 'ok' || run.stoppedByUser)) this.tell(said.severity, said.text, tracePath);
    this.last = outcome;
    this.finished.fire(outcome);
    return outcome;
  }

  /** Says how a run ended that did not end well, with the way to its (partial) trace. */
  private tell(severity: 'info' | 'warning' | 'error', text: string, tracePath: string): void {
    void this.notices.show(severity, `Interleave: ${text}`, 'Open Trace', 'Show Log').then((choice) => {
      if (choice === 'Open Trace') void vscode.commands.executeCommand('interleave.openTrace', tracePath);
      else if (choice === 'Show Log') this.log.show(true);
    });
  }

  /**
   * The window is closing or reloading (or the extension is being turned off): let go of the
   * runner so that it stops itself and finishes its trace, rather than killing it mid-write. It is
   * killed after a grace period if this extension host lives on.
   */
  dispose(): void {
    this.active?.stream.detach();
    this.finished.dispose();
  }
}

/**
 * The runner exited by itself but its 'finished' never arrived (the IPC channel was closed first,
 * as when the window goes): the footer it wrote to the trace says how the run ended.
 */
function withFooterFromFile(end: StreamEnd, tracePath: string, log: vscode.LogOutputChannel): StreamEnd {
  if (end.footer || end.exit.code === null || end.exit.spawnError) return end;
  try {
    const footer = readTraceFooter(tracePath);
    return footer ? { ...end, footer, exitStatus: end.exit.code, failure: null } : end;
  } catch (error) {
    log.warn(`could not read the footer of ${tracePath}: ${String(error)}`);
    return end;
  }
}

/** The runner died before writing its footer: the timeline still needs an end. */
function crashFooter(message: string | null, durationMs: number): TraceFooter {
  return { result: 'error', message: message ?? 'the runner ended unexpectedly', processes: [], dropped: 0, deadlock: null, durationMs };
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
