import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cliLaunch, runLaunch, type LaunchOptions } from './runner-launch';

const opts: LaunchOptions = {
  extensionRoot: '/ext',
  nodePath: '',
  execPath: '/vscode/code',
  baseEnv: { PATH: '/bin', NODE_OPTIONS: '--inspect', HOME: '/h' },
  locations: 'sampled',
};

describe('runLaunch(opts, script, trace, timeout)', () => {
  it('starts dist/cli.js run SCRIPT --ipc --out TRACE --timeout MS --locations M with VS Code\u2019s binary as plain Node', () => {
    const l = runLaunch(opts, '/w/a.ts', '/t/a.itrace', 1500.4);
    assert.equal(l.command, '/vscode/code');
    assert.deepEqual(l.args, [path.join('/ext', 'dist', 'cli.js'), 'run', '/w/a.ts', '--ipc', '--out', '/t/a.itrace', '--timeout', '1500', '--locations', 'sampled']);
    assert.equal(l.env.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(l.env.PATH, '/bin');
  });

  it('does not pass the extension host\u2019s NODE_OPTIONS to the user\u2019s run', () => {
    assert.equal(runLaunch(opts, 's', 't', 1).env.NODE_OPTIONS, undefined);
    assert.equal(opts.baseEnv.NODE_OPTIONS, '--inspect', 'the base env is not modified');
  });

  it('passes the worker and shared heap limits when set (interleave.workerHeapMb, interleave.sharedHeapMb)', () => {
    const l = runLaunch(opts, 's', 't', 1, 64, 256);
    assert.deepEqual(l.args.slice(-4), ['--worker-heap-mb', '64', '--shared-heap-mb', '256']);
    assert.ok(!runLaunch(opts, 's', 't', 1).args.includes('--shared-heap-mb'), 'unset: the runner\'s default');
  });

  it('uses the nodePath setting when given', () => {
    assert.equal(cliLaunch({ ...opts, nodePath: '/usr/bin/node' }, ['report']).command, '/usr/bin/node');
  });
});
