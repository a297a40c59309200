import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RunnerMessage } from '../shared/runner-protocol';
import { RunProcess } from './run-process';

/** A stand-in runner: speaks the IPC protocol, and ignores 'stop' when told to. */
const FAKE_RUNNER = `
const ignoreStop = process.argv.includes('--ignore-stop');
process.send({ type: 'started', header: { schema: 1 }, tracePath: '/t' });
process.send({ type: 'batch', strings: [[1, 'x']], events: new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]) });
process.send({ type: 'nonsense' });
process.on('message', (m) => {
  if (m.type === 'stop' && !ignoreStop) {
    process.send({ type: 'finished', footer: { result: 'ok' }, exitStatus: 0 }, () => process.exit(0));
  }
});
setInterval(() => {}, 1000);
`;

describe('RunProcess', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'interleave-runprocess-'));
    writeFileSync(path.join(dir, 'fake.js'), FAKE_RUNNER);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function start(extra: string[]) {
    const messages: RunnerMessage[] = [];
    const errors: string[] = [];
    const p = new RunProcess({ command: process.execPath, args: [path.join(dir, 'fake.js'), ...extra], env: process.env }, dir, {
      onMessage: (m) => messages.push(m),
      onOutput: () => undefined,
      onProtocolError: (d) => errors.push(d),
    });
    return { p, messages, errors };
  }

  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  };

  it('receives batches with their Float64Array intact (advanced serialization) and flags unknown messages', async () => {
    const { p, messages, errors } = start([]);
    await until(() => messages.length >= 2 && errors.length >= 1);
    const batch = messages.find((m) => m.type === 'batch');
    assert.ok(batch && batch.type === 'batch' && batch.events instanceof Float64Array);
    assert.equal(batch.events[7], 8);
    assert.equal(errors.length, 1);
    p.stop();
    const exit = await p.exited;
    assert.equal(exit.code, 0);
    assert.ok(messages.some((m) => m.type === 'finished'));
  });

  it('kills a runner that ignores stop, after the grace period', async function () {
    this.timeout(10_000);
    const { p, messages } = start(['--ignore-stop']);
    await until(() => messages.length >= 2);
    const t0 = Date.now();
    p.stop();
    const exit = await p.exited;
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(Date.now() - t0 < 6000);
  });

  it('reports a runner that cannot start', async () => {
    const p = new RunProcess({ command: path.join(dir, 'missing-node'), args: [], env: process.env }, dir, {
      onMessage: () => undefined,
      onOutput: () => undefined,
      onProtocolError: () => undefined,
    });
    const exit = await p.exited;
    assert.ok(exit.spawnError);
  });
});
