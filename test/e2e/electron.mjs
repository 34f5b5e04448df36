// `npm run test:electron`: the same extension test suite (test/e2e/suite) run by @vscode/test-electron
// in a desktop VS Code, the way extension authors' CI usually runs it. It needs a VS Code build:
// either downloaded from the update server (needs the internet) or an installed one passed with
// `--code /path/to/code` or VSCODE_EXECUTABLE. Offline, it stops at once with a clear message
// instead of hanging; `npm run test:e2e` runs the same suite in code-server without any download.
// On Linux without a display, run it under `xvfb-run -a`.
import { download, runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/codeServer.mjs';
import { bundleSuite, freshWorkspace, readSuiteResults } from './lib/suite.mjs';

const OUTPUT = path.join(ROOT, '.test-output/electron');
const UPDATE_HOST = 'update.code.visualstudio.com';
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function fail(message) {
  console.error(`test:electron: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** Rejects after `ms` with `message`: no step of this runner may hang. */
function within(ms, promise, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

async function vscodeExecutable() {
  const given = option('--code') ?? process.env.VSCODE_EXECUTABLE;
  if (given) return given;
  const offlineHelp = `no VS Code to test in: this machine cannot download it from ${UPDATE_HOST}. Pass an installed VS Code with --code /path/to/code (or VSCODE_EXECUTABLE), or run the same suite in code-server with \`npm run test:e2e\`.`;
  try {
    await within(10_000, lookup(UPDATE_HOST), `DNS lookup of ${UPDATE_HOST} timed out`);
  } catch (error) {
    fail(`${offlineHelp} (${error.code ?? error.message})`);
  }
  try {
    // 30 s of silence from the server counts as a failure; the whole download gets 10 minutes.
    return await within(
      600_000,
      download({ version: process.env.VSCODE_VERSION ?? 'stable', cachePath: path.join(ROOT, '.e2e/vscode-test'), timeout: 30_000 }),
      'the VS Code download took over 10 minutes',
    );
  } catch (error) {
    fail(`${offlineHelp} (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function main() {
  mkdirSync(OUTPUT, { recursive: true });
  const executable = await vscodeExecutable();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('test:electron: no display; if VS Code fails to start, run `xvfb-run -a npm run test:electron`.');
  }
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const suiteJs = await bundleSuite(OUTPUT);
  const workspace = freshWorkspace(OUTPUT, 'workspace');
  const resultsFile = path.join(OUTPUT, 'suite-results.txt');
  rmSync(resultsFile, { force: true });
  const profile = path.join(OUTPUT, 'profile');
  rmSync(profile, { recursive: true, force: true });
  let exitCode;
  try {
    exitCode = await within(
      300_000,
      runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: suiteJs,
        extensionTestsEnv: { MLSD_E2E_RESULTS: resultsFile },
        launchArgs: [
          workspace,
          '--user-data-dir',
          path.join(profile, 'user-data'),
          '--extensions-dir',
          path.join(profile, 'extensions'),
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-telemetry',
        ],
      }),
      'the extension tests did not finish within 5 minutes',
    );
  } catch (error) {
    exitCode = 1;
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { tests } = readSuiteResults(resultsFile);
  const passed = tests.filter((test) => test.ok).length;
  const failed = tests.length - passed + (exitCode !== 0 && tests.every((test) => test.ok) ? 1 : 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || tests.length === 0 ? 1 : 0);
}

await main();
