/**
 * Entry point. Imports load-clock first so activation time counts the bundle's own load. Keeps
 * activate() to wiring: nothing is read from disk, spawned or parsed until a command asks.
 */
import { activationTime, stamp } from './load-clock';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InterleaveApi } from './api';
import { reportTrace } from './cli';
import { CODE_LENS_SELECTOR, FunctionCodeLenses } from './code-lens';
import { registerExportTrace } from './commands/export-trace';
import { registerOpenTrace } from './commands/open-trace';
import { registerFindInterleaving } from './commands/find-interleaving';
import { registerReplayTrace } from './commands/replay-trace';
import { registerRunDemo } from './commands/run-demo';
import { registerRunFile } from './commands/run-file';
import { registerRunFunction } from './commands/run-function';
import { registerStepThrough } from './commands/step-through';
import { registerStopRun } from './commands/stop-run';
import { FindingDiagnostics } from './diagnostics';
import { RunController } from './run-controller';
import type { LaunchOptions } from './runner-launch';
import type { Services } from './services';
import { readSettings } from './settings';
import { RunStatusBar } from './status-bar';
import { TIMELINE_VIEW_TYPE, TimelinePanels } from './timeline-panel';
import { TRACE_EDITOR_VIEW_TYPE, TraceEditorProvider } from './trace-editor';
import { Notices } from './notices';
import { readTraceForView } from './trace-loader';
import { canRunCode } from './trust';

const loadEnd = stamp();

export function activate(context: vscode.ExtensionContext): InterleaveApi {
  const activateStart = stamp();
  const log = vscode.window.createOutputChannel('Interleave', { log: true });
  const cpuCount = () => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  const launchOptions = (): LaunchOptions => {
    const settings = readSettings();
    return {
      extensionRoot: context.extensionPath,
      nodePath: settings.nodePath,
      execPath: process.execPath,
      baseEnv: process.env,
      locations: settings.locations,
    };
  };

  const notices = new Notices(log);
  const diagnostics = new FindingDiagnostics();
  const statusBar = new RunStatusBar();
  const panels = new TimelinePanels(context, log, async (tracePath, post) => {
    const loaded = readTraceForView(tracePath);
    post(loaded.message);
    if (loaded.partial) void notices.show('warning', `Interleave: ${path.basename(tracePath)}: ${loaded.partial}.`);
    const report = canRunCode() ? await reportTrace(launchOptions(), tracePath).catch(() => undefined) : undefined;
    if (report) {
      post({ type: 'report', report });
      diagnostics.show(report.findings, path.dirname(tracePath));
    }
  });
  const runs = new RunController(context.globalStorageUri.fsPath, log, panels, diagnostics, statusBar, launchOptions, () => readSettings(), notices);
  panels.onStepAnswer((answer) => runs.answerStep(answer));
  const lenses = new FunctionCodeLenses(cpuCount);
  const services: Services = { context, log, runs, panels, lenses, notices, launchOptions };
  const traceEditors = new TraceEditorProvider(services);

  context.subscriptions.push(
    log,
    diagnostics,
    statusBar,
    panels,
    runs,
    lenses,
    registerRunDemo(services),
    registerRunFile(services),
    registerRunFunction(services, cpuCount),
    registerStopRun(services),
    registerExportTrace(services),
    registerOpenTrace(services),
    registerFindInterleaving(services),
    registerReplayTrace(services),
    registerStepThrough(services),
    vscode.languages.registerCodeLensProvider(CODE_LENS_SELECTOR, lenses),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => panels.revive(panel, state),
    }),
    vscode.window.registerCustomEditorProvider(TRACE_EDITOR_VIEW_TYPE, traceEditors, {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { retainContextWhenHidden: false },
    }),
  );

  const time = activationTime(loadEnd, activateStart, stamp());
  log.info(
    `activated in ${time.wallMs.toFixed(1)} ms (load ${time.loadWallMs.toFixed(1)} ms + activate() ${time.activateWallMs.toFixed(1)} ms; ` +
      `${time.cpuMs.toFixed(1)} ms CPU)${canRunCode() ? '' : '; Restricted Mode: nothing will run'}`,
  );
  return {
    activation: time,
    onDidFinishRun: runs.onDidFinishRun,
    lastRun: () => runs.lastOutcome,
    isRunning: () => runs.isRunning,
    panelCounters: () => panels.counters(),
    diagnostics: () => diagnostics.entries(),
    notices: () => notices.recent(),
    panelPage: () => panels.page(),
    traceEditors: () => traceEditors.editors(),
    stepView: () => runs.stepView,
    postFromTimeline: (message) => panels.receiveFromPage(message),
  };
}

export function deactivate(): void {
  // Disposables go with context.subscriptions; a running runner is let go (RunController.dispose):
  // it finishes its trace and exits by itself.
}
