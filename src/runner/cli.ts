/**
 * The `interleave` command line (the contract is docs/cli.md):
 *   interleave run SCRIPT [--out TRACE] [--html FILE | --no-html] [--timeout MS] [--fail-on race,deadlock,error] [--locations M] [--worker-heap-mb MB] [--shared-heap-mb MB] [--ring-capacity EVENTS] [--ipc] [--replay TRACE_OR_SCHEDULE] [--step]
 *   interleave explore SCRIPT --until KINDS --runs N [--strategy random|pct|pos] [--depth D] [--seed S] [--out TRACE] [--json] [--timeout MS]
 *   interleave report TRACE [--json]
 *   interleave export TRACE --format chrome|html -o FILE
 *   interleave demo [NAME]
 * Exit statuses: 0 ok, 1 script or worker failed, 2 timeout or deadlock, 3 --fail-on matched,
 * 64+ usage errors.
 */
import { parseArgs } from 'node:util';
import { demoCommand } from './demo-command';
import { exportCommand } from './export-command';
import { exploreCommand } from './sched/explore-command';
import { reportCommand } from './report-command';
import { outputClosed, runCli } from './run-cli';
import { UsageError } from './run-command';

const USAGE = `usage:
  interleave run SCRIPT [--out TRACE] [--html FILE | --no-html] [--timeout MS] [--fail-on race,deadlock,error]
                 [--locations all|sampled|off] [--worker-heap-mb MB] [--shared-heap-mb MB] [--ring-capacity EVENTS]
                 [--replay TRACE_OR_SCHEDULE] [--step]
      writes the trace (--out, or a temp folder) and its HTML timeline (--html, or next to the trace);
      --step: you are the scheduler (at each choice type the pid to move, u to undo, q to stop)
  interleave explore SCRIPT --until race,lost-update,deadlock,error --runs N [--strategy random|pct|pos]
                 [--depth D] [--seed S] [--out TRACE] [--json] [--timeout MS]
  interleave report TRACE [--json]
  interleave export TRACE --format chrome|html -o FILE
  interleave demo [NAME] [--shared-heap-mb MB]`;

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
      'shared-heap-mb': { type: 'string' },
      'ring-capacity': { type: 'string' },
      ipc: { type: 'boolean' },
      html: { type: 'string' },
      'no-html': { type: 'boolean' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      replay: { type: 'string' },
      step: { type: 'boolean' },
      until: { type: 'string' },
      runs: { type: 'string' },
      strategy: { type: 'string' },
      depth: { type: 'string' },
      seed: { type: 'string' },
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
    case 'explore':
      if (positionals.length !== 1) throw new UsageError('explore needs exactly one SCRIPT');
      return exploreCommand(positionals[0]!, values);
    case 'demo':
      if (positionals.length > 1) throw new UsageError('demo takes at most one NAME');
      return demoCommand(positionals[0], values);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

// A reader that stops early (`interleave run … | head`, a closed terminal) is not an error of ours
// nor of the program: a run in progress goes on and its trace notes it (outputClosed), and the exit
// status is the one we would have had. What we would still print is lost, quietly.
function onOutputError(stream: 'stdout' | 'stderr'): (error: NodeJS.ErrnoException) => void {
  return (error) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      outputClosed(stream);
      return;
    }
    throw error;
  };
}
process.stdout.on('error', onOutputError('stdout'));
process.stderr.on('error', onOutputError('stderr'));

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
