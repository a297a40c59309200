/** What the commands share: made once in activate(), passed to each command's registration. */
import type * as vscode from 'vscode';
import type { FunctionCodeLenses } from './code-lens';
import type { Notices } from './notices';
import type { RunController } from './run-controller';
import type { LaunchOptions } from './runner-launch';
import type { TimelinePanels } from './timeline-panel';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  runs: RunController;
  panels: TimelinePanels;
  lenses: FunctionCodeLenses;
  notices: Notices;
  launchOptions(): LaunchOptions;
}
