// Starts and stops code-server (VS Code's workbench and extension host, served to a browser) for
// the end-to-end tests and `npm start`: loopback only, no auth, its own process group, and its own
// user-data, extensions, XDG and TMPDIR folders so nothing leaks into the home folder or /tmp.
import { spawn, execFile } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync, existsSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CODE_SERVER_ENTRY = path.join(ROOT, '.e2e/code-server/node_modules/code-server/out/node/entry.js');

/** Settings for a quiet, deterministic workbench: no welcome page, no tips, no restoring editors. */
export const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'update.mode': 'none',
  'editor.minimap.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The test workspaces live inside this repository: keep git's prompts about it out of the way.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export function requireCodeServer() {
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed (${path.relative(ROOT, CODE_SERVER_ENTRY)} missing): run scripts/install-e2e.sh first.`);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function stateDirs(stateDir) {
  const dirs = {
    userData: path.join(stateDir, 'user-data'),
    extensions: path.join(stateDir, 'extensions'),
    xdgConfig: path.join(stateDir, 'xdg-config'),
    xdgData: path.join(stateDir, 'xdg-data'),
    tmp: path.join(stateDir, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  return dirs;
}

function isolatedEnv(dirs, extra = {}) {
  return { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, TMPDIR: dirs.tmp, ...extra };
}

/** Installs a .vsix into the state folder's extensions dir, with code-server's own CLI. */
export async function installExtension(stateDir, vsix) {
  requireCodeServer();
  const dirs = stateDirs(stateDir);
  const { stdout } = await promisify(execFile)(process.execPath, [CODE_SERVER_ENTRY, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'], {
    env: isolatedEnv(dirs),
    timeout: 120_000,
  });
  return stdout.trim();
}

/**
 * Starts code-server on a free loopback port and resolves once it answers HTTP.
 * `stop()` ends its whole process group (extension hosts included) and resolves when it is gone.
 */
export async function startCodeServer({ stateDir, workspace, port, env = {}, settings = {}, logFile }) {
  requireCodeServer();
  const dirs = stateDirs(stateDir);
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...WORKBENCH_SETTINGS, ...settings }, null, 2));
  const chosenPort = port ?? (await freePort());
  const log = openSync(logFile ?? path.join(stateDir, 'code-server.log'), 'a');
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    workspace,
  ];
  // detached: a process group of its own, so stop() can end the extension hosts it forks too.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env: isolatedEnv(dirs, env) });
  closeSync(log);
  let exited = false;
  const exitPromise = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    killGroup('SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (groupAlive()) killGroup('SIGKILL');
    while (groupAlive() && Date.now() < deadline + 3000) await new Promise((resolve) => setTimeout(resolve, 100));
  };

  const url = `http://127.0.0.1:${chosenPort}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up (${JSON.stringify(await exitPromise)}); see ${logFile ?? path.join(stateDir, 'code-server.log')}`);
    try {
      const response = await fetch(`${url}healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not answer within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port: chosenPort, pid: child.pid, dirs, stop, exited: exitPromise };
}

/** The workbench URL for a folder, with the payload @vscode/test-web uses to run extension tests. */
export function workbenchUrl({ url, port }, folder, tests) {
  const query = new URLSearchParams({ folder });
  if (tests) {
    const remote = (absolute) => `vscode-remote://127.0.0.1:${port}${absolute}`;
    const payload = [
      ['extensionDevelopmentPath', remote(tests.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(tests.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    query.set('payload', JSON.stringify(payload));
  }
  return `${url}?${query.toString()}`;
}
