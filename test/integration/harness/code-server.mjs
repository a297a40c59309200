/**
 * code-server for tests: the cached install, and a fresh server per run in its own process group
 * (facts: shared/notes/real-vscode.md).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WORKSPACE = join(ROOT, 'test', 'integration', 'fixtures', 'workspace');
export const RESULTS = join(ROOT, 'test-results');

export const say = (...a) => console.log('[code-server]', ...a);

/** Runs .ci/install-code-server.sh (seconds when cached) and returns where things are. */
export function installCodeServer() {
  const out = execFileSync('bash', [join(ROOT, '.ci', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const cache = out.trim().split('\n').pop();
  const nodeBin = join(cache, 'node-24.21.0', 'bin');
  const bin = join(cache, 'code-server-4.139.1', 'bin', 'code-server');
  if (!existsSync(bin)) throw new Error(`code-server is not installed at ${bin}`);
  return { nodeBin, bin };
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Quiet user settings: no welcome page, no AI side bar, no trust prompt, no telemetry. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
};

/**
 * The settings a new user has, but for the network and telemetry (nothing here changes the
 * layout: the Welcome tab and the secondary side bar open as they do for a new user).
 */
export const NEW_USER_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
};

/**
 * A fresh server with its own user data, extensions and XDG folders. `trust: false` leaves
 * workspace trust on, so the fixture folder opens untrusted. `before` are code-server command
 * lines run first against the same folders (e.g. --install-extension). `extraEnv` reaches the
 * server and so its extension hosts. `settings` replaces the quiet user settings; `folder`, the
 * fixture workspace. The result's `settingsFile` can be rewritten while the server runs (VS Code
 * applies it at once).
 */
export async function startServer(cs, { trust, name, before = [], extraEnv = {}, settings = USER_SETTINGS, folder = WORKSPACE }) {
  const scratch = mkdtempSync(join(tmpdir(), `interleave-cs-${name}-`));
  const userData = join(scratch, 'user-data');
  const extensions = join(scratch, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  const settingsFile = join(userData, 'User', 'settings.json');
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const env = {
    ...process.env,
    // Node 24 for code-server only (its postinstall and runtime need it); the tests keep theirs.
    PATH: `${cs.nodeBin}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(scratch, 'xdg-config'),
    XDG_DATA_HOME: join(scratch, 'xdg-data'),
    XDG_CACHE_HOME: join(scratch, 'xdg-cache'),
    ...extraEnv,
  };
  delete env.NODE_OPTIONS;
  const base = ['--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions];
  for (const args of before) execFileSync(cs.bin, [...base, ...args], { env, stdio: 'inherit' });

  const port = await freePort();
  mkdirSync(RESULTS, { recursive: true });
  const log = createWriteStream(join(RESULTS, `code-server-${name}.log`));
  const child = spawn(
    cs.bin,
    [
      ...base,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--vscode-option', 'enable-smoke-test-driver',
      ...(trust ? ['--disable-workspace-trust'] : []),
      folder,
    ],
    // detached: a new session and process group (setsid), so one kill reaches agentHost, ptyHost
    // and every extension host the server started.
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  const origin = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > until) {
      stop();
      throw new Error(`code-server did not start (see test-results/code-server-${name}.log)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, authority: `127.0.0.1:${port}`, stop, settingsFile, folder };
}

/** The workbench URL for the fixture folder, with the smoke-test driver's payload. */
export function workbenchUrl(server, payload) {
  const url = new URL(server.origin);
  url.searchParams.set('folder', server.folder ?? WORKSPACE);
  if (payload) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** A path on the server as the browser must name it (the authority is the one it uses). */
export function remoteUri(server, path) {
  return `vscode-remote://${server.authority}${path}`;
}
