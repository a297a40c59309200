/**
 * The `interleave` command line (the contract is docs/cli.md):
 *   interleave run SCRIPT [--out TRACE] [--timeout MS] [--fail-on race,deadlock,error] [--locations M] [--worker-heap-mb MB] [--ring-capacity EVENTS] [--ipc]
 *   interleave report TRACE [--json]
 *   interleave export TRACE --format chrome|html -o FILE
 *   interleave demo [NAME]
 * Exit statuses: 0 ok, 1 script or worker failed, 2 timeout or deadlock, 3 --fail-on matched,
 * 64+ usage errors.
 */
import { parseArgs } from 'node:util';
import { demoCommand } from './demo-command';
import { exportCommand } from './export-command';
import { reportCommand } from './report-command';
import { runCli, stopActiveRun } from './run-cli';
import { UsageError } from './run-command';

const USAGE = `usage:
  interleave run SCRIPT [--out TRACE] [--timeout MS] [--fail-on race,deadlock,error] [--locations all|sampled|off]
                 [--worker-heap-mb MB] [--ring-capacity EVENTS]
  interleave report TRACE [--json]
  interleave export TRACE --format chrome|html -o FILE
  interleave demo [NAME]`;

export const EXIT_USAGE = 64;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o' },
      timeout: { type: 'string' },
      'fail-on': { type: 'string' },
      locations: { type: 'string' },
      'worker-heap-mb': { type: 'string' },
      'ring-capacity': { type: 'string' },
      ipc: { type: 'boolean' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? EXIT_USAGE : 0;
  }
  switch (command) {
    case 'run':
      if (positionals.length !== 1) throw new UsageError('run needs exactly one SCRIPT');
      return runCli(positionals[0]!, values);
    case 'report':
      if (positionals.length !== 1) throw new UsageError('report needs exactly one TRACE');
      return reportCommand(positionals[0]!, values.json === true);
    case 'export':
      if (positionals.length !== 1) throw new UsageError('export needs exactly one TRACE');
      return exportCommand(positionals[0]!, values.format, values.out);
    case 'demo':
      if (positionals.length > 1) throw new UsageError('demo takes at most one NAME');
      return demoCommand(positionals[0], values);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

// A reader that stops early (`interleave demo | head`, or an extension host that died) is not an
// error of ours. A run in progress then stops and keeps its trace (exiting at once would cut the
// trace short and leave no footer); otherwise there is nothing left to say.
function onOutputError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
    if (stopActiveRun('the output pipe closed: the reader of this run went away')) return;
    process.exit(process.exitCode ?? 0);
  }
  throw error;
}
process.stdout.on('error', onOutputError);
process.stderr.on('error', onOutputError);

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`interleave: ${(error as Error).message}\n${USAGE}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`interleave: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
    // A runner started with an IPC channel must not outlive its failure.
    if (process.connected) process.disconnect?.();
  },
);
