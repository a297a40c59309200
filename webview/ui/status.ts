/** The status line: events, workers, the run's length and result, what was dropped. */
import type { TraceModel } from '../model/trace-model';
import { formatCount, formatMs } from './format';

export function statusText(m: TraceModel, extra: string): string {
  const dur = m.endTime > m.startTime ? m.endTime - Math.min(0, m.startTime) : 0;
  const result = m.footer ? ` · result: ${m.footer.result}` : '';
  const dropped = m.footer && m.footer.dropped > 0 ? ` · ${formatCount(m.footer.dropped)} events dropped` : '';
  return `${formatCount(m.eventCount)} events · ${m.workers.size} workers · ${formatMs(dur)}${result}${dropped}${extra}`;
}

/** The status line's two parts: the run's summary, and a note when arrows are too dense to draw. */
export class StatusLine {
  private hiddenArrows = 0;

  constructor(private readonly summary: HTMLElement, private readonly note: HTMLElement) {}

  show(m: TraceModel, extra: string): void {
    this.summary.textContent = statusText(m, extra);
  }

  /** Says why nothing loaded (the parser's message). */
  failed(text: string): void {
    this.summary.textContent = text;
  }

  setHiddenArrows(n: number): void {
    if (n === this.hiddenArrows) return;
    this.hiddenArrows = n;
    this.note.textContent = n > 0 ? `${formatCount(n)} arrows in view: zoom in to see them` : '';
  }
}
