// Entry of the language server (bundled to dist/server.js; bin/mlsd-language-server.js runs it).
// Transports: --stdio (Neovim, Helix, Emacs, Zed…), --node-ipc (the VS Code client),
// --socket=PORT and --pipe=NAME, as vscode-languageserver reads them from the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import packageJson from '../../../package.json';
import { collectAutoFixes, createEngine, defaultConfig, resolveConfig, CONFIG_FILE_NAMES } from '../engine';
import { clearConfigCache, isConfigFileInsideBoundary, LINKED_OUT_OF_BOUNDARY, loadConfigFile, loadConfigForFile } from '../engine/config';
import { ruleDocsBaseFromManifest } from './diagnostics';
import { heapReclaimerForThisProcess } from './heapReclaimer';
import { errorMessage } from './logger';
import { connectionLogger, SERVER_NAME, startServer } from './server';

const USAGE = `Usage: ${SERVER_NAME} --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Language server for Markdown ML system design docs: checks them against the seven-step
template (clarify, framing, data, model, evaluation, serving, monitoring), with quick fixes,
completion, hover and an outline. Point your editor's LSP client at it, for example in Neovim:
  vim.lsp.start_client({ cmd = { '${SERVER_NAME}', '--stdio' } })`;

function main(argv: readonly string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  if (!argv.some((arg) => /^--(stdio|node-ipc|socket(=|$)|pipe(=|$)|clientProcessId)/.test(arg))) {
    process.stderr.write(`${SERVER_NAME}: no transport given.\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }

  const connection = createConnection(ProposedFeatures.all);
  const logger = connectionLogger(connection);
  // A bug in one request must cost that request, not the writer's editor session.
  process.on('uncaughtException', (error) => logger.error(`Uncaught exception (server keeps running): ${errorMessage(error)}`));
  process.on('unhandledRejection', (reason) => logger.error(`Unhandled rejection (server keeps running): ${errorMessage(reason)}`));

  const engine = createEngine({ logger });
  startServer(connection, {
    engine,
    collectAutoFixes,
    loadFileConfig: (path, lookup) => loadConfigForFile(path, lookup),
    defaultConfig,
    mergeSettings: (settings, base) => resolveConfig({ rules: settings.rules, vocabulary: settings.vocabulary, ...(settings.template ? { template: settings.template } : {}) }, 'settings', base),
    validateConfigFile: (path, lookup) => {
      // A link out of the workspace is not read: one problem, nothing of its target.
      if (!isConfigFileInsideBoundary(path, lookup)) return [{ file: path, key: '', message: LINKED_OUT_OF_BOUNDARY }];
      // A package.json is a config only when it has an "mlsd" key; other package.json edits are not ours.
      if (path.endsWith('package.json')) {
        const found = loadConfigForFile(path, lookup);
        return found.configFile === path ? found.problems : [];
      }
      return loadConfigFile(path).problems;
    },
    configFileReadable: isConfigFileInsideBoundary,
    clearConfigCache,
    configFileNames: CONFIG_FILE_NAMES,
    version: packageJson.version,
    // The same repository the CLI's SARIF output links its rule help to.
    ruleDocsBase: ruleDocsBaseFromManifest(packageJson),
    heapReclaimer: heapReclaimerForThisProcess((message) => logger.debug(message)),
  });
}

main(process.argv.slice(2));
