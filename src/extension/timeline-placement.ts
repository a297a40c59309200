/**
 * Where the timeline opens, and where a source it asks for opens: decided here, once.
 *
 * The timeline needs width (issue 12 §1: at 1280×800 a timeline split beside the Welcome tab got
 * 310–460 px). So:
 * - a group that holds nothing the user is editing (only the Welcome page, or another
 *   Interleave timeline or trace) is reused: the timeline takes its whole width, and the Welcome
 *   page stays a tab behind it; a walkthrough being followed is not covered (see below);
 * - otherwise it opens beside the active editor, where a split leaves the user's code in view.
 * Not the bottom panel as a webview view: the panel is short (about a third of the height) and a
 * run has many lanes; the editor area is where the room is.
 *
 * A source opens in a group other than the timeline's, so it never covers the plot.
 */
import * as vscode from 'vscode';

/** Tabs that hold no work of the user's: the Welcome page and walkthroughs (no typed input),
 *  webviews, and Interleave's own trace editors. */
function isDisposable(tab: vscode.Tab): boolean {
  const input: unknown = tab.input;
  if (input === undefined) return true;
  if (input instanceof vscode.TabInputWebview) return true;
  if (input instanceof vscode.TabInputCustom) return input.viewType === 'interleave.traceViewer';
  return false;
}

/** A walkthrough being followed (ours, or VS Code's titled "Walkthrough: …"): the timeline goes
 *  beside it, so the lesson's text and its run are seen together (the same group would hide one
 *  behind the other). The Welcome page and a walkthrough are one editor without a typed input, so
 *  the tab's label is what tells them apart. */
function isWalkthrough(tab: vscode.Tab): boolean {
  return /walkthrough|see concurrency/i.test(tab.label);
}

/** The column to open a new timeline in. */
export function timelineColumn(): vscode.ViewColumn {
  const groups = vscode.window.tabGroups.all;
  const free = groups.find((g) => g.tabs.length > 0 && g.tabs.every(isDisposable) && !g.tabs.some(isWalkthrough));
  if (free) return free.viewColumn;
  return vscode.ViewColumn.Beside;
}

/** The column a source opens in: never the timeline's own. */
export function sourceColumn(timeline: vscode.ViewColumn | undefined): vscode.ViewColumn {
  if (timeline === undefined) return vscode.ViewColumn.One;
  if (timeline !== vscode.ViewColumn.One) return vscode.ViewColumn.One;
  // The timeline is in the first group: the source goes in the second (made if there is none).
  return vscode.ViewColumn.Two;
}

/** The column of the open timeline panel, if one is open. (Its tab's viewType carries a prefix
 *  of VS Code's own, so the end of it is compared.) */
export function openTimelineColumn(): vscode.ViewColumn | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('interleave.timeline')) return group.viewColumn;
    }
  }
  return undefined;
}
