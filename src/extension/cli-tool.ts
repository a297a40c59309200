/**
 * Runs a short CLI command (`report`, `export`) as a child process, the same way as a run, and
 * collects its output. Node only.
 */
import { execFile } from 'node:child_process';
import type { Launch } from './runner-launch';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(launch: Launch, cwd: string, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      launch.command,
      launch.args,
      { cwd, env: launch.env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? error.message : '') });
      },
    );
  });
}
