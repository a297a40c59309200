/**
 * Where a step session talks to its user: a terminal (the view printed on stdout, one answer per
 * line on stdin: a pid, `u` to undo, `q` to stop), or the extension over the runner's IPC channel
 * (runner-protocol's 'step' messages each way). Both queue answers that arrive before they are
 * asked for, so a script (or a test) may type ahead.
 */
import { createInterface } from 'node:readline';
import { basename } from 'node:path';
import type { Report } from '../../analysis';
import type { RunnerCommand, RunnerMessage } from '../../shared/runner-protocol';
import { parseStepAction, type StepAction, type StepView } from '../../shared/step-protocol';
import type { TraceFooter } from '../../shared/trace-file';
import type { StepChannel } from './step-session';

/** Answers in arrival order; `next()` waits for one. */
class AnswerQueue {
  private readonly queued: StepAction[] = [];
  private waiting: ((a: StepAction) => void) | null = null;
  private closed = false;

  push(answer: StepAction): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(answer);
    } else {
      this.queued.push(answer);
    }
  }

  /** No more input: every later question is answered 'stop'. */
  close(): void {
    this.closed = true;
    this.push({ action: 'stop' });
  }

  next(): Promise<StepAction> {
    const first = this.queued.shift();
    if (first) return Promise.resolve(first);
    if (this.closed) return Promise.resolve({ action: 'stop' });
    return new Promise((resolve) => { this.waiting = resolve; });
  }
}

/** One answer typed in a terminal, or null when the line is not one. */
export function parseAnswerLine(line: string): StepAction | null {
  const t = line.trim().toLowerCase();
  if (/^\d+$/.test(t)) return { action: 'pick', pid: Number(t) };
  if (t === 'u' || t === 'undo') return { action: 'undo' };
  if (t === 'q' || t === 'quit' || t === 'stop') return { action: 'stop' };
  return null;
}

/** The view as the terminal prints it (docs/cli.md shows an example). */
export function formatStepView(view: StepView): string {
  const lines: string[] = [];
  const head = view.ended ? `the run ended: ${view.ended.result}${view.ended.message ? ` (${view.ended.message})` : ''}` : `choice ${view.index + 1}`;
  lines.push(`--- step: ${head} · schedule ${view.schedule}`);
  for (const v of view.values) lines.push(`  value ${v.name} = ${v.kind === 'Array' ? `[${v.values.join(', ')}]` : v.values[0] ?? '?'}`);
  if (view.ended) {
    for (const f of view.ended.findings) lines.push(`  finding ${f.kind}: ${f.message}`);
    lines.push(view.canUndo ? 'step> u to undo the last choice, q to finish' : 'step> q to finish');
    return lines.join('\n') + '\n';
  }
  for (const t of view.threads) {
    const where = t.file ? ` at ${basename(t.file)}:${t.line ?? '?'}` : '';
    lines.push(`  can move: ${t.pid}  ${t.name}  ${t.op}${t.object ? ` ${t.object}` : ''}${where}`);
  }
  lines.push(`step> the pid to move next${view.canUndo ? ', u to undo' : ''}, q to stop`);
  return lines.join('\n') + '\n';
}

export function terminalChannel(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): StepChannel & { close(): void } {
  const answers = new AnswerQueue();
  const lines = createInterface({ input, terminal: false });
  lines.on('line', (line) => {
    const answer = parseAnswerLine(line);
    if (answer) answers.push(answer);
    else if (line.trim() !== '') output.write(`step: '${line.trim()}' is not a pid, u or q\n`);
  });
  lines.on('close', () => answers.close());
  return {
    show: (view) => { output.write(formatStepView(view)); },
    refuse: (reason) => { output.write(`step: ${reason}\n`); },
    next: () => answers.next(),
    close: () => lines.close(),
  };
}

/** The extension's side: views go out as runner messages, answers come in as commands. */
export function ipcChannel(send: (m: RunnerMessage) => void): StepChannel & { receive(c: RunnerCommand): void; close(): void } {
  const answers = new AnswerQueue();
  return {
    show: (view: StepView, end?: { footer: TraceFooter; report: Report | null }) => {
      send({ type: 'step', view, ...(end ? { footer: end.footer, report: end.report } : {}) });
    },
    refuse: (reason) => send({ type: 'step-refused', reason }),
    next: () => answers.next(),
    receive: (command) => {
      if (command.type !== 'step') return;
      const answer = parseStepAction(command.answer);
      if (answer) answers.push(answer);
    },
    close: () => answers.close(),
  };
}
