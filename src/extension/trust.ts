/**
 * The gate every code-running path goes through. The manifest declares limited support for
 * untrusted workspaces; this is what "limited" means: nothing runs until the user trusts the
 * folder. (Command enablement hides the commands in menus, but executeCommand and keybindings
 * still reach them, so the gate is here, in code.)
 */
import * as vscode from 'vscode';

export function canRunCode(): boolean {
  return vscode.workspace.isTrusted;
}

/** True when running is allowed; otherwise tells the user why not and returns false. */
export function ensureTrusted(what: string): boolean {
  if (canRunCode()) return true;
  void vscode.window
    .showWarningMessage(`Interleave does not run code in a Restricted Mode workspace (${what}).`, 'Manage Workspace Trust')
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
