/**
 * A plain worker_threads program (no Interleave API) runs through `interleave run` exactly as under
 * `node FILE`: the same output, line for line, and the same exit status. Each fixture prints what
 * Node shows a program (isMainThread, parentPort, workerData, threadId, require.main, argv,
 * import.meta.url, online/message/exit events, eval workers, receiveMessageOnPort, exit codes,
 * BroadcastChannel, Atomics.waitAsync).
 */
import { strict as assert } from 'node:assert';
import { describeRun, runFixture } from '../run-fixture';
import { programOutput, runWithNode } from './plain-helpers';

const PROGRAMS = [
  'plain-node-behaviour.js',
  'plain-node-behaviour.mjs',
  'plain-exit-code.js',
  'plain-two-producers.js',
  'plain-postmessage-handoff.js',
  'plain-worker-error-handled.js',
  'plain-worker-error.js',
  'plain-broadcast.js',
  'plain-wait-async.mjs',
  'plain-port-transfer.js',
];

describe('plain programs run as under node FILE', function () {
  this.timeout(60_000);
  for (const name of PROGRAMS) {
    it(`${name}: the same output and exit status as plain node`, async () => {
      const node = runWithNode(name);
      const run = await runFixture(name);
      const context = `node: status ${node.status}\n${node.stdout}\n${node.stderr}\n--- interleave:\n${describeRun(run)}`;
      assert.equal(programOutput(run), node.stdout, context);
      // The CLI's contract maps a failed program to 1; these programs exit 0 or 1 under node.
      assert.equal(run.status, node.status, context);
      assert.deepEqual(run.leftovers, [], `threads or processes left running\n${context}`);
    });
  }

  it('counts a BroadcastChannel as one channel, every post and every delivery', async () => {
    const run = await runFixture('plain-broadcast.js');
    assert.deepEqual(run.report?.queues, [{ name: "BroadcastChannel 'news'", puts: 2, gets: 2 }], describeRun(run));
  });

  it('names the main thread "main" and each Worker by its name option or "worker-<threadId>"', async () => {
    const run = await runFixture('plain-node-behaviour.js');
    assert.ok(run.report, describeRun(run));
    assert.deepEqual(run.report.processes.map((p) => p.name), ['main', 'worker-1', 'worker-2'], describeRun(run));
    const named = await runFixture('plain-two-producers.js');
    assert.deepEqual(named.report?.processes.map((p) => p.name), ['main', 'producer-0', 'producer-1'], describeRun(named));
  });
});
