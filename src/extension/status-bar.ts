/** The status bar item shown while a run is going: what runs, and a click stops it. */
import * as vscode from 'vscode';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('interleave.run', vscode.StatusBarAlignment.Left, 100);

  constructor() {
    this.item.name = 'Interleave Run';
    this.item.command = 'interleave.stopRun';
  }

  running(title: string): void {
    this.item.text = `$(sync~spin) Interleave: ${title} $(debug-stop) Stop`;
    this.item.tooltip = `Interleave is running ${title}. Click to stop it.`;
    this.item.show();
  }

  progress(events: number): void {
    this.item.tooltip = `${events.toLocaleString()} events so far. Click to stop the run.`;
  }

  idle(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
