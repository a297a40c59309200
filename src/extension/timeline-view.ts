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
  /** Live batches and their events delivered into the page. */
  deliveredBatches: number;
  deliveredEvents: number;
  /** Whole traces (`load`) delivered into the page. */
  deliveredTraces: number;
  /** The page's last view state (it posts one whenever its view changes). */
  state: WebviewState | null;
}

export class TimelineView implements vscode.Disposable {
  private readonly queue: ToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  readonly counters: ViewCounters = { ready: false, posted: 0, deliveredBatches: 0, deliveredEvents: 0, deliveredTraces: 0, state: null };

  constructor(
    private readonly webview: vscode.Webview,
    onMessage: (m: FromWebview) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const m = parseFromWebview(raw);
        if (!m) {
          log.debug('ignored a malformed message from the timeline page');
          return;
        }
        if (m.type === 'ready') {
          this.counters.ready = true;
          for (const queued of this.queue.splice(0)) this.send(queued);
        } else if (m.type === 'state') {
          this.counters.state = m.state;
        }
        onMessage(m);
      }),
    );
  }

  post(message: ToWebview): void {
    if (this.counters.ready) this.send(message);
    else this.queue.push(message);
  }

  private send(message: ToWebview): void {
    this.counters.posted++;
    this.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered) return;
        if (message.type === 'batch') {
          this.counters.deliveredBatches++;
          this.counters.deliveredEvents += message.events.length / 8;
        } else if (message.type === 'load') {
          this.counters.deliveredTraces++;
        }
      },
      (error: unknown) => this.log.warn(`could not post to the timeline: ${String(error)}`),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
