/**
 * Drives `interleave run SCRIPT --step` through the real CLI as a user at a terminal does: reads
 * each view it prints (up to its `step>` prompt) and types an answer line.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI, ROOT } from '../run-fixture';

export interface Mover {
  pid: number;
  name: string;
  /** What it is about to do, as printed: 'read counter', 'start a process Process-2', … */
  doing: string;
  line: number | null;
}

export interface PrintedView {
  values: Map<string, string>;
  movers: Mover[];
  ended: string | null;
  findings: string[];
  schedule: string;
  refusals: string[];
}

export class StepDriver {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private wake: (() => void) | null = null;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [CLI, 'run', ...args, '--step'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => { this.buffer += d; this.stdout += d; this.wake?.(); });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => { this.stderr += d; });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => { this.wake?.(); resolve(code); }));
  }

  /** The next view printed (everything up to its prompt). */
  async view(timeoutMs = 20_000): Promise<PrintedView> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const at = this.buffer.indexOf('\nstep>');
      if (at >= 0) {
        const end = this.buffer.indexOf('\n', at + 1);
        if (end >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 1);
          return parseView(block);
        }
      }
      if (this.child.exitCode !== null || Date.now() > until) throw new Error(`no step view (exit ${this.child.exitCode}):\n${this.stdout}\n${this.stderr}`);
      await new Promise<void>((resolve) => { this.wake = resolve; setTimeout(resolve, 200); });
    }
  }

  answer(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

function parseView(block: string): PrintedView {
  const view: PrintedView = { values: new Map(), movers: [], ended: null, findings: [], schedule: '', refusals: [] };
  // Only the last view in the block counts (a refusal re-asks without a new view).
  const start = block.lastIndexOf('--- step: ');
  for (const line of block.slice(0, Math.max(0, start)).split('\n')) if (line.startsWith('step: ')) view.refusals.push(line);
  for (const line of block.slice(Math.max(0, start)).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^--- step: (.*) · schedule (\S*)$/.exec(line))) {
      view.schedule = m[2]!;
      const ended = /^the run ended: (\w+)/.exec(m[1]!);
      view.ended = ended ? ended[1]! : null;
    } else if ((m = /^ {2}value (.+?) = (.*)$/.exec(line))) {
      view.values.set(m[1]!, m[2]!);
    } else if ((m = /^ {2}can move: (\d+) {2}(\S+) {2}(.*?)(?: at \S+:(\d+))?$/.exec(line))) {
      view.movers.push({ pid: Number(m[1]), name: m[2]!, doing: m[3]!, line: m[4] ? Number(m[4]) : null });
    } else if ((m = /^ {2}finding ([\w-]+):/.exec(line))) {
      view.findings.push(m[1]!);
    }
  }
  return view;
}

/**
 * A hand-built interleaving: at each choice, the next wanted step when its thread can do it, else
 * any thread that is not about to touch `object` (start-ups, joins), so the wanted order holds.
 */
export function nextPick(view: PrintedView, wanted: { name: string; doing: string }[], object: string): number {
  const want = wanted[0];
  const hit = want && view.movers.find((m) => m.name === want.name && m.doing === want.doing);
  if (hit) {
    wanted.shift();
    return hit.pid;
  }
  const other = view.movers.find((m) => !m.doing.endsWith(` ${object}`));
  if (!other) throw new Error(`no way to go on: wanted ${JSON.stringify(want)}, can move ${JSON.stringify(view.movers)}`);
  return other.pid;
}
