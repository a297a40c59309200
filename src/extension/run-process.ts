/**
 * One runner child process and its IPC stream. Node only (no vscode), so it can be exercised in
 * plain Node. Stop asks politely first (the runner then writes its footer and exits), and kills
 * after a grace period: a user's script must never be able to outlive the user's Stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { RunnerCommand, RunnerMessage } from '../shared/runner-protocol';
import type { Launch } from './runner-launch';
import { isRunnerMessage } from './runner-messages';

export interface RunProcessHandlers {
  onMessage(message: RunnerMessage): void;
  /** Text the runner printed (its human summary, warnings, a crash's stack). */
  onOutput(text: string, stream: 'stdout' | 'stderr'): void;
  /** A message of unknown shape (a version mismatch between extension and runner). */
  onProtocolError(detail: string): void;
}

export interface RunExit {
  /** The process exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not start at all. */
  spawnError?: Error;
}

export const STOP_GRACE_MS = 3000;

export class RunProcess {
  private readonly child: ChildProcess;
  private killTimer: NodeJS.Timeout | undefined;
  readonly exited: Promise<RunExit>;

  constructor(launch: Launch, cwd: string, handlers: RunProcessHandlers) {
    this.child = spawn(launch.command, launch.args, {
      cwd,
      env: launch.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Batches carry Float64Array; the default JSON serialization would turn them into objects.
      serialization: 'advanced',
      windowsHide: true,
    });
    this.child.stdout?.setEncoding('utf8').on('data', (t: string) => handlers.onOutput(t, 'stdout'));
    this.child.stderr?.setEncoding('utf8').on('data', (t: string) => handlers.onOutput(t, 'stderr'));
    this.child.on('message', (m: unknown) => {
      if (isRunnerMessage(m)) handlers.onMessage(m);
      else handlers.onProtocolError(`unexpected message from the runner: ${describe(m)}`);
    });
    this.exited = new Promise<RunExit>((resolve) => {
      this.child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    }).finally(() => clearTimeout(this.killTimer));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Asks the runner to stop; kills it if it has not exited after STOP_GRACE_MS. */
  stop(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const command: RunnerCommand = { type: 'stop' };
    try {
      if (this.child.connected) this.child.send(command);
    } catch {
      // The channel closed between the check and the send: the kill below still applies.
    }
    this.killTimer ??= setTimeout(() => this.kill(), STOP_GRACE_MS);
  }

  /** Sends a command to the runner (step mode's answers); false when the channel is closed. */
  send(command: RunnerCommand): boolean {
    try {
      if (!this.child.connected) return false;
      this.child.send(command);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Lets go of the runner as a closing window does: the IPC channel is closed, so the runner stops
   * itself and writes its footer ("the extension host went away", the same as when this process
   * dies). The kill after STOP_GRACE_MS still applies if this process lives on; its timer does
   * not keep this process alive.
   */
  detach(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      if (this.child.connected) this.child.disconnect();
    } catch {
      // Already closed: the runner has noticed.
    }
    this.killTimer ??= setTimeout(() => this.kill(), STOP_GRACE_MS);
    this.killTimer.unref();
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

function describe(m: unknown): string {
  try {
    return JSON.stringify(m)?.slice(0, 200) ?? String(m);
  } catch {
    return String(m);
  }
}
