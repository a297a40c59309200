/**
 * The step panel: step mode's controls above the timeline, where the user is the scheduler
 * (shared/step-protocol.ts). At each choice it lists the threads that can move, each with the
 * operation it is about to do and its line, as a button that moves it; the run's shared values,
 * a value that changed since the last choice marked; Undo and Stop. Once the run has ended it
 * shows the final values and the findings, and Undo still takes the last choice back.
 *
 * It talks only the protocol: a button posts `{ type: 'step', answer }` and waits for the next
 * view (its buttons are disabled meanwhile, so one click is one answer); every view shown is
 * acknowledged with 'stepShown'. All text goes in through textContent (ui/dom.ts).
 */
import type { FromWebview, ToWebview } from '../../src/shared/protocol';
import type { StepAction, StepThread, StepValue, StepView } from '../../src/shared/step-protocol';
import { shortFile } from '../model/locations';
import { clear, el } from './dom';

export class StepPanel {
  readonly root: HTMLElement;
  private readonly status: HTMLElement;
  private readonly threads: HTMLElement;
  private readonly values: HTMLElement;
  private readonly note: HTMLElement;
  private readonly undo: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  /** Each value's text at the last view, to mark what changed. */
  private previous = new Map<string, string>();
  private view: StepView | null = null;

  constructor(
    private readonly post: (m: FromWebview) => void,
    /** Opens a thread's line in the editor; null outside VS Code. */
    private readonly reveal: ((loc: { file: string; line: number }) => void) | null,
  ) {
    this.status = el('p', { class: 'il-step-status', 'aria-live': 'polite' });
    this.threads = el('ul', { class: 'il-step-threads', 'aria-label': 'Threads that can move' });
    this.values = el('ul', { class: 'il-step-values', 'aria-label': 'Shared values', 'aria-live': 'polite' });
    this.note = el('p', { class: 'il-step-note', 'aria-live': 'assertive' });
    this.undo = el('button', { type: 'button', class: 'il-step-undo', title: 'Take the last choice back (the script reruns up to it)' }, 'Undo');
    this.stop = el('button', { type: 'button', class: 'il-step-stop' }, 'Stop');
    this.undo.addEventListener('click', () => this.answer({ action: 'undo' }));
    this.stop.addEventListener('click', () => this.answer({ action: 'stop' }));
    this.root = el('section', { class: 'il-step', 'aria-label': 'Step mode: you are the scheduler', hidden: true },
      el('div', { class: 'il-step-head' }, el('h2', { text: 'Step mode' }), this.status, this.undo, this.stop),
      el('div', { class: 'il-step-body' },
        el('div', { class: 'il-step-col' }, el('h3', { text: 'Can move' }), this.threads),
        el('div', { class: 'il-step-col' }, el('h3', { text: 'Shared values' }), this.values)),
      this.note,
    );
  }

  /** Takes the step messages (true when it was one); 'start' and 'load' concern it too. */
  handle(msg: ToWebview): boolean {
    switch (msg.type) {
      case 'step': this.show(msg.view); return true;
      case 'stepRefused': this.refused(msg.reason); return true;
      case 'stepEnd': this.end(); return true;
      // A rerun after an undo: the panel waits for the run to reach the choice again.
      case 'start': if (this.view) this.pending('Running again up to that choice…'); return false;
      case 'load': this.end(); return false;
      default: return false;
    }
  }

  show(view: StepView): void {
    this.view = view;
    this.root.hidden = false;
    this.note.textContent = '';
    this.status.textContent = view.ended
      ? `The run ended: ${view.ended.result}${view.ended.message ? ` (${view.ended.message})` : ''}. ${view.canUndo ? 'Undo takes the last choice back.' : ''}`
      : `Choice ${view.index + 1}: pick the thread that moves next.`;
    this.status.title = `Schedule so far: ${view.schedule}`;
    this.renderThreads(view);
    const shownValues = this.renderValues(view.values);
    this.undo.disabled = !view.canUndo;
    this.stop.disabled = false;
    this.stop.textContent = view.ended ? 'Finish' : 'Stop';
    if (view.ended) {
      const found = view.ended.findings.map((f) => `${f.kind}: ${f.message}`);
      this.note.textContent = found.length ? found.join('\n') : 'No findings in this run.';
    }
    this.post({
      type: 'stepShown', index: view.index, ended: view.ended !== null,
      threads: view.threads.map(threadText), values: shownValues,
    });
  }

  private renderThreads(view: StepView): void {
    clear(this.threads);
    if (view.ended) {
      this.threads.append(el('li', { class: 'il-hint', text: 'No thread: the run has ended.' }));
      return;
    }
    for (const t of view.threads) {
      const move = el('button', { type: 'button', class: 'il-step-move', 'data-pid': t.pid, 'aria-label': `Move ${threadText(t)}` }, t.name);
      move.addEventListener('click', () => this.answer({ action: 'pick', pid: t.pid }));
      const where = t.file && t.line ? el('button', { type: 'button', class: 'il-step-loc', title: 'Open this line' }, `${shortFile(t.file)}:${t.line}`) : null;
      if (where && this.reveal && t.file && t.line) {
        const loc = { file: t.file, line: t.line };
        where.addEventListener('click', () => this.reveal?.(loc));
      }
      this.threads.append(el('li', {}, move, el('span', { class: 'il-step-op', text: t.object ? `${t.op} ${t.object}` : t.op }), where));
    }
  }

  /** The values, each as "name = value"; a value that differs from the last view is marked. */
  private renderValues(values: readonly StepValue[]): string[] {
    clear(this.values);
    const shown: string[] = [];
    const now = new Map<string, string>();
    for (const v of values) {
      const text = v.kind === 'Array' ? `[${v.values.join(', ')}]` : (v.values[0] ?? '?');
      now.set(v.name, text);
      const changed = this.previous.has(v.name) && this.previous.get(v.name) !== text;
      shown.push(`${v.name} = ${text}`);
      this.values.append(el('li', { class: changed ? 'il-step-changed' : undefined, title: changed ? `was ${this.previous.get(v.name)}` : undefined },
        el('span', { class: 'il-step-name', text: v.name }), ' = ', el('span', { class: 'il-step-value', text })));
    }
    if (values.length === 0) this.values.append(el('li', { class: 'il-hint', text: 'No Value or Array yet.' }));
    this.previous = now;
    return shown;
  }

  /** The answer was not taken: the same choice is asked again. */
  private refused(reason: string): void {
    this.note.textContent = reason;
    if (!this.view) return;
    for (const b of this.threads.querySelectorAll('button')) (b as HTMLButtonElement).disabled = false;
    this.undo.disabled = !this.view.canUndo;
    this.stop.disabled = false;
    this.status.textContent = this.view.ended ? 'The run has ended.' : `Choice ${this.view.index + 1}: pick the thread that moves next.`;
  }

  private pending(text: string): void {
    this.status.textContent = text;
    for (const b of this.root.querySelectorAll('button')) (b as HTMLButtonElement).disabled = true;
  }

  private end(): void {
    this.view = null;
    this.previous = new Map();
    this.root.hidden = true;
  }

  private answer(answer: StepAction): void {
    this.pending(answer.action === 'pick' ? 'Moving…' : answer.action === 'undo' ? 'Undoing: running again up to the last choice…' : 'Stopping…');
    this.post({ type: 'step', answer });
  }
}

function threadText(t: StepThread): string {
  return `${t.name} ${t.op}${t.object ? ` ${t.object}` : ''}${t.file && t.line ? ` at ${shortFile(t.file)}:${t.line}` : ''}`;
}
