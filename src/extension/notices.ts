/**
 * What the extension tells the user in notifications, in one place: each message goes to the
 * log too, and the last few are kept (the API exposes them, so the real-VS-Code tests can check
 * that a fault was *said*, not only handled).
 */
import * as vscode from 'vscode';

export type NoticeSeverity = 'info' | 'warning' | 'error';

export interface Notice {
  severity: NoticeSeverity;
  text: string;
  /** Date.now() when shown. */
  at: number;
}

const KEEP = 20;

export class Notices {
  private readonly shown: Notice[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Shows a notification; resolves to the action the user picked, if any. */
  show(severity: NoticeSeverity, text: string, ...actions: string[]): Thenable<string | undefined> {
    this.shown.push({ severity, text, at: Date.now() });
    if (this.shown.length > KEEP) this.shown.splice(0, this.shown.length - KEEP);
    if (severity === 'error') {
      this.log.error(text);
      return vscode.window.showErrorMessage(text, ...actions);
    }
    if (severity === 'warning') {
      this.log.warn(text);
      return vscode.window.showWarningMessage(text, ...actions);
    }
    this.log.info(text);
    return vscode.window.showInformationMessage(text, ...actions);
  }

  recent(): readonly Notice[] {
    return [...this.shown];
  }
}
