/**
 * One timeline page (in a panel or in the trace editor) seen from the host: it queues messages
 * until the page says it is ready (a message posted earlier would be lost), checks what the page
 * sends, and counts what was delivered into the page (postMessage resolves true once the page's
 * context has it).
 */
import * as vscode from 'vscode';
import { parseFromWebview, type FromWebview, type ToWebview, type WebviewState } from './panel-messages';

export interface ViewCounters {
  ready: boolean;
  posted: number;
  /** Live batches and their events delivered into the page, for the current run (a 'start' resets them). */
  deliveredBatches: number;
  deliveredEvents: number;
  /** Whole traces (`load`) delivered into the page. */
  deliveredTraces: number;
  /** The page's last view state (it posts one whenever its view changes). */
  state: WebviewState | null;
  /** The last end of a live run delivered into the page: what its status line says. */
  finished: { result: string; message: string | null; exitStatus: number } | null;
  /** Step mode: what the page's step panel last said it shows (its 'stepShown'). */
  stepShown: { index: number; ended: boolean; threads: string[]; values: string[] } | null;
}

/** What a page was set up with: for the CSP and localResourceRoots audit (tests, API). */
export interface PageSetup {
  html: string;
  /** webview.cspSource: how the page names the extension's own resources. */
  cspSource: string;
  enableScripts: boolean;
  enableCommandUris: boolean | readonly string[];
  localResourceRoots: string[];
}

export class TimelineView implements vscode.Disposable {
  private readonly queue: ToWebview[] = [];
  /**
   * What a whole-trace page shows (its 'load' and the 'report' after it), sent again when the page
   * starts afresh: a trace editor's page is not kept while its tab is hidden (retainContextWhenHidden
   * false), so VS Code rebuilds it when the tab is shown again (another timeline opened over it in
   * the same group, then moved away) and it says 'ready' a second time, empty. A live run's page
   * is retained, so nothing of a run is kept here.
   */
  private shown: ToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** Which run the page is on (one more at each 'start'). */
  private generation = 0;
  readonly counters: ViewCounters = { ready: false, posted: 0, deliveredBatches: 0, deliveredEvents: 0, deliveredTraces: 0, state: null, finished: null, stepShown: null };

  constructor(
    private readonly webview: vscode.Webview,
    private readonly onMessage: (m: FromWebview) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
  }

  /** A message from the page, checked before anything trusts it. */
  receive(raw: unknown): void {
    const m = parseFromWebview(raw);
    if (!m) {
      this.log.debug('ignored a malformed message from the timeline page');
      return;
    }
    if (m.type === 'ready') {
      const rebuilt = this.counters.ready;
      this.counters.ready = true;
      if (rebuilt) for (const again of this.shown) this.send(again);
      for (const queued of this.queue.splice(0)) this.send(queued);
    } else if (m.type === 'state') {
      this.counters.state = m.state;
    } else if (m.type === 'stepShown') {
      this.counters.stepShown = { index: m.index, ended: m.ended, threads: m.threads, values: m.values };
    }
    this.onMessage(m);
  }

  post(message: ToWebview): void {
    if (message.type === 'start') {
      // A new run in the same page: its counts start again, and deliveries of the run before
      // that resolve late (a busy page) no longer count.
      this.generation++;
      this.counters.deliveredBatches = 0;
      this.counters.deliveredEvents = 0;
      this.counters.finished = null;
    }
    if (message.type === 'load' || message.type === 'start') this.shown = message.type === 'load' ? [message] : [];
    else if (message.type === 'report' && this.shown.length > 0) this.shown.push(message);
    if (this.counters.ready) this.send(message);
    else this.queue.push(message);
  }

  private send(message: ToWebview): void {
    this.counters.posted++;
    const generation = this.generation;
    this.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered || generation !== this.generation) return;
        if (message.type === 'batch') {
          this.counters.deliveredBatches++;
          this.counters.deliveredEvents += message.events.length / 8;
        } else if (message.type === 'load') {
          this.counters.deliveredTraces++;
        } else if (message.type === 'finished') {
          this.counters.finished = { result: message.footer.result, message: message.footer.message, exitStatus: message.exitStatus };
        }
      },
      (error: unknown) => this.log.warn(`could not post to the timeline: ${String(error)}`),
    );
  }

  page(): PageSetup {
    const o = this.webview.options;
    return {
      html: this.webview.html,
      cspSource: this.webview.cspSource,
      enableScripts: o.enableScripts === true,
      enableCommandUris: o.enableCommandUris ?? false,
      localResourceRoots: (o.localResourceRoots ?? []).map((u) => u.toString()),
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
