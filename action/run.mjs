#!/usr/bin/env node
// The entry point of the GitHub Action (action.yml at the repository root): turns the action's inputs
// into an mlsd-lint command line, runs the packaged CLI (the npm package `mlsd-lint`, installed into
// the runner's temporary folder, or a tarball or bin given for tests), and hands back the SARIF file
// and the exit code as step outputs. Plain Node.js with no dependencies: an action runs from its
// repository as checked out, without a build.
//
// Inputs arrive as environment variables (a composite action does not export them itself):
//   MLSD_PATHS         files, folders or globs, one per line or separated by spaces (default: docs)
//   MLSD_CONFIG        --config FILE (optional)
//   MLSD_FORMAT        github (annotations, default), text, json or sarif, printed to the log
//   MLSD_MAX_WARNINGS  --max-warnings N (optional)
//   MLSD_SARIF_FILE    where to write SARIF for code scanning (default: mlsd-lint.sarif; empty: none)
//   MLSD_VERSION       the npm version of mlsd-lint to run (default: this action's own version)
//   MLSD_PACKAGE       an npm install spec to use instead (a tarball path, say)
//   MLSD_CLI           a mlsd-lint bin to run as it is, installing nothing
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FORMATS = ['github', 'text', 'json', 'sarif'];
const actionRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** The mlsd-lint arguments for the inputs in `env`, or the reason they are wrong. */
export function actionArguments(env) {
  const paths = (env.MLSD_PATHS ?? 'docs')
    .split(/\r?\n/)
    .flatMap((line) => line.trim().split(/\s+/))
    .filter(Boolean);
  if (paths.length === 0) return { error: 'the paths input is empty: name the docs to check (files, folders or globs)' };
  const format = (env.MLSD_FORMAT ?? '').trim() || 'github';
  if (!FORMATS.includes(format)) return { error: `the format input must be one of ${FORMATS.join(', ')}; got "${format}"` };
  const args = ['--format', format];
  const config = (env.MLSD_CONFIG ?? '').trim();
  if (config) args.push('--config', config);
  const maxWarnings = (env.MLSD_MAX_WARNINGS ?? '').trim();
  if (maxWarnings) {
    if (!/^\d+$/.test(maxWarnings)) return { error: `the max-warnings input needs a whole number of 0 or more; got "${maxWarnings}"` };
    args.push('--max-warnings', maxWarnings);
  }
  const sarifFile = env.MLSD_SARIF_FILE === undefined ? 'mlsd-lint.sarif' : env.MLSD_SARIF_FILE.trim();
  if (sarifFile) args.push('--sarif-file', sarifFile);
  // `--` so that a path starting with a dash is a path.
  args.push('--', ...paths);
  return { args, sarifFile };
}

/** The version of mlsd-lint that goes with this action: the repository's one version number. */
export function actionVersion() {
  return JSON.parse(readFileSync(join(actionRoot, 'package.json'), 'utf8')).version;
}

/** The mlsd-lint bin to run: MLSD_CLI, or the package installed (once per job) into the runner's temporary folder. */
function installCli(env) {
  if (env.MLSD_CLI) return { cli: resolve(env.MLSD_CLI) };
  const spec = env.MLSD_PACKAGE || `mlsd-lint@${(env.MLSD_VERSION ?? '').trim() || actionVersion()}`;
  const prefix = join(env.RUNNER_TEMP || tmpdir(), 'mlsd-lint-action');
  const cli = join(prefix, 'node_modules', 'mlsd-lint', 'bin', 'mlsd-lint.js');
  mkdirSync(prefix, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', prefix, spec], {
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (installed.status !== 0 || !existsSync(cli)) return { error: `could not install ${spec} (npm exit code ${installed.status})` };
  return { cli };
}

export function main(env = process.env) {
  const parsed = actionArguments(env);
  if (parsed.error) {
    console.log(`::error title=mlsd-lint action::${parsed.error}`);
    return 2;
  }
  const installed = installCli(env);
  if (installed.error) {
    console.log(`::error title=mlsd-lint action::${installed.error}`);
    return 2;
  }
  const run = spawnSync(process.execPath, [installed.cli, ...parsed.args], { stdio: 'inherit', env: { ...env, FORCE_COLOR: '0' } });
  const code = run.status ?? 2;
  if (env.GITHUB_OUTPUT) {
    const sarif = parsed.sarifFile && existsSync(resolve(parsed.sarifFile)) ? parsed.sarifFile : '';
    appendFileSync(env.GITHUB_OUTPUT, `sarif-file=${sarif}\nexit-code=${code}\n`);
  }
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
