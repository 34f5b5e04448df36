// Wires an LSP connection to the language service: capabilities, document sync, push or pull
// diagnostics, settings through workspace/configuration, config-file watching and the custom
// mlsd/* requests. Nothing here decides what a diagnostic or completion is; service.ts does.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  CodeActionKind,
  CompletionTriggerKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigProblem, Finding } from '../engine/types';
import { CoverageChangedNotification, CoverageRequest, DiagramsRequest, ForceCheckRequest, RulesRequest } from '../protocol';
import type { LintEngine } from './analyzer';
import { FIX_ALL_KIND } from './codeActions';
import type { ConfigAccess } from './configuration';
import { configProblemToDiagnostic } from './diagnostics';
import { globProblems } from './documentSelection';
import { errorMessage, type ServerLogger } from './logger';
import { createLanguageService, type LanguageServiceOptions } from './service';
import { pathToUri, uriToPath } from './uris';

export const SERVER_NAME = 'mlsd-language-server';

/** Where a config lookup stops when the document is not in a repository (see engine/config.ts). */
export interface ConfigLookup {
  stopAt: readonly string[];
}

export interface ServerDependencies {
  engine: LanguageServiceOptions['engine'] & LintEngine;
  collectAutoFixes(findings: Finding[]): TextEdit[];
  /**
   * Config-file access; the settings part is filled in from the connection. `lookup.stopAt` holds
   * the workspace folders' paths: outside a repository the lookup never goes above them.
   */
  loadFileConfig(documentPath: string, lookup: ConfigLookup): ReturnType<ConfigAccess['loadFileConfig']>;
  defaultConfig: ConfigAccess['defaultConfig'];
  mergeSettings: ConfigAccess['mergeSettings'];
  /** Validates one config file on disk (after it changed), for its diagnostics. */
  validateConfigFile(path: string, lookup: ConfigLookup): ConfigProblem[];
  /**
   * Whether a config file may be read to place its problems: not a link out of the workspace (or its
   * repository). Its text is never read otherwise, so no diagnostic can echo a file outside.
   */
  configFileReadable(path: string, lookup: ConfigLookup): boolean;
  /** Drops cached config files so an edit within the same mtime second is still seen. */
  clearConfigCache(): void;
  /** Config file names watched for changes (.mlsdrc.json…). */
  configFileNames: readonly string[];
  version: string;
  maxDocumentChars?: number;
  /** Where the rule docs live (from package.json `repository`, see ruleDocsBaseFromManifest). */
  ruleDocsBase?: string;
  /** Told after every lint, to give memory back once the server is quiet (see heapReclaimer.ts). */
  heapReclaimer?: { workDone(): void };
}

/** Logs to the client's output; debug lines only when MLSD_DEBUG is set (they come on every keystroke). */
export function connectionLogger(connection: Connection): ServerLogger {
  const debug = Boolean(process.env.MLSD_DEBUG);
  return {
    error: (message) => connection.console.error(message),
    warn: (message) => connection.console.warn(message),
    info: (message) => connection.console.info(message),
    debug: (message) => {
      if (debug) connection.console.log(message);
    },
  };
}

/** Custom requests come from any client: a missing or non-string uri is treated as an unknown document. */
function uriParam(params: { uri?: unknown } | null | undefined): string {
  return typeof params?.uri === 'string' ? params.uri : '';
}

export function startServer(connection: Connection, deps: ServerDependencies): void {
  const logger = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let workspaceFolders: string[] = [];
  const configLookup = (): ConfigLookup => ({
    stopAt: workspaceFolders.map((uri) => uriToPath(uri)).filter((path): path is string => path !== undefined),
  });
  /** Settings pushed by clients without workspace/configuration (or given as initializationOptions). */
  let pushedSettings: unknown;
  let pullDiagnostics = false;
  const justOpened = new Set<string>();
  const configFileUris = new Set<string>();
  /**
   * Set by the shutdown request. From then on, as the LSP spec says, every request but `exit` is
   * answered with InvalidRequest and notifications are ignored: no more lints, no more diagnostics.
   */
  let shutDown = false;
  /** Wraps a request handler: after shutdown it answers InvalidRequest instead of running. */
  const request =
    <P extends unknown[], R>(handler: (...params: P) => R) =>
    (...params: P): R => {
      if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shut down: only the exit notification is accepted.');
      return handler(...params);
    };
  /** Wraps a notification handler: after shutdown it does nothing. */
  const notification =
    <P extends unknown[]>(handler: (...params: P) => void) =>
    (...params: P): void => {
      if (!shutDown) handler(...params);
    };

  /** Glob problems already shown: each is said once, not on every settings read. */
  const reportedGlobProblems = new Set<string>();
  /** Says which include/exclude globs are ignored as too costly to match (documentSelection.ts), once each. */
  const checkedGlobs = (settings: unknown): unknown => {
    const globs = settings as { include?: unknown; exclude?: unknown } | null | undefined;
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((glob): glob is string => typeof glob === 'string') : []);
    const fresh = globProblems({ include: strings(globs?.include), exclude: strings(globs?.exclude) }).filter((problem) => !reportedGlobProblems.has(problem));
    if (fresh.length > 0 && !shutDown) {
      for (const problem of fresh) {
        reportedGlobProblems.add(problem);
        logger.warn(`Invalid setting ignored: ${problem}`);
      }
      connection.window.showWarningMessage(`MLSD: ${fresh.join('; ')}`);
    }
    return settings;
  };

  const service = createLanguageService({
    engine: deps.engine,
    collectAutoFixes: deps.collectAutoFixes,
    documents,
    workspaceFolders: () => workspaceFolders,
    logger,
    ...(deps.maxDocumentChars !== undefined ? { maxDocumentChars: deps.maxDocumentChars } : {}),
    ...(deps.ruleDocsBase !== undefined ? { ruleDocsBase: deps.ruleDocsBase } : {}),
    configAccess: {
      fetchSettings: async (uri) => {
        if (!capabilities.workspace?.configuration) return checkedGlobs(pushedSettings);
        const [settings] = (await connection.workspace.getConfiguration([{ scopeUri: uri, section: 'mlsd' }])) as unknown[];
        // Clients without our settings answer null: fall back to what was pushed or given at start.
        return checkedGlobs(settings ?? pushedSettings);
      },
      loadFileConfig: (documentPath) => deps.loadFileConfig(documentPath, configLookup()),
      defaultConfig: deps.defaultConfig,
      mergeSettings: deps.mergeSettings,
    },
  });

  const publishConfigProblems = (file: string, problems: ConfigProblem[]) => {
    const uri = pathToUri(file);
    if (problems.length === 0 && !configFileUris.has(uri)) return;
    let text: string | undefined;
    try {
      if (problems.length > 0 && deps.configFileReadable(file, configLookup())) text = readFileSync(file, 'utf8');
    } catch {
      text = undefined; // deleted or unreadable: the problem says so, on line 1
    }
    const diagnostics = problems.map((problem) => configProblemToDiagnostic(problem, text));
    if (diagnostics.length > 0) configFileUris.add(uri);
    else configFileUris.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  };

  service.onAnalyzed((analysis) => {
    // A lint that was under way when the shutdown came publishes nothing.
    if (shutDown) return;
    deps.heapReclaimer?.workDone();
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics: analysis.diagnostics });
    void connection.sendNotification(CoverageChangedNotification, service.coverageOf(analysis));
  });
  service.onConfigFileProblems(notification(({ file, problems }) => publishConfigProblems(file, problems)));
  service.onSettingsProblems((problems) => {
    if (shutDown) return;
    // Without action items this is a window/showMessage notification: nothing to await.
    connection.window.showWarningMessage(`MLSD: invalid settings ignored (defaults used): ${problems.join('; ')}`);
  });

  const refreshPulledDiagnostics = () => {
    if (pullDiagnostics && capabilities.workspace?.diagnostics?.refreshSupport) {
      connection.languages.diagnostics.refresh().catch((error: unknown) => logger.warn(`Diagnostic refresh failed: ${errorMessage(error)}`));
    }
  };

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    const options = params.initializationOptions as { settings?: { mlsd?: unknown } } | null | undefined;
    pushedSettings = options?.settings?.mlsd;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['#', ' '] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'ML system design' },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'mlsd', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: deps.version },
    };
  });

  connection.onShutdown(
    request(() => {
      shutDown = true;
    }),
  );

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mlsd' });
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/{${deps.configFileNames.join(',')}}` }],
      });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        notification((event) => {
          const removed = new Set(event.removed.map((folder) => folder.uri));
          workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
          service.settingsChanged();
        }),
      );
    }
  });

  connection.onDidChangeConfiguration(
    notification((params) => {
      const settings = (params.settings as { mlsd?: unknown } | null | undefined)?.mlsd;
      if (settings !== undefined) pushedSettings = settings;
      service.settingsChanged();
      refreshPulledDiagnostics();
    }),
  );

  connection.onDidChangeWatchedFiles(
    notification((params) => {
      const names = new Set(deps.configFileNames);
      const changed = params.changes.filter((change) => names.has(basename(uriToPath(change.uri) ?? change.uri)));
      if (changed.length === 0) return;
      deps.clearConfigCache();
      for (const change of changed) {
        const path = uriToPath(change.uri);
        if (!path) continue;
        if (change.type === FileChangeType.Deleted) {
          publishConfigProblems(path, []);
          continue;
        }
        try {
          publishConfigProblems(path, deps.validateConfigFile(path, configLookup()));
        } catch (error) {
          logger.error(`Validating ${path} failed: ${errorMessage(error)}`);
        }
      }
      service.configFilesChanged();
      refreshPulledDiagnostics();
    }),
  );

  documents.onDidOpen(notification((event) => justOpened.add(event.document.uri)));
  documents.onDidChangeContent(
    notification((event) => {
      const { uri } = event.document;
      // A newly opened document is checked at once; edits wait for the debounce.
      const opened = justOpened.delete(uri);
      service.documentChanged(uri, opened).catch((error: unknown) => logger.error(`Scheduling ${uri} failed: ${errorMessage(error)}`));
    }),
  );
  documents.onDidClose(
    notification((event) => {
      const { uri } = event.document;
      justOpened.delete(uri);
      service.documentClosed(uri);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );

  connection.languages.diagnostics.on(
    request(async (params): Promise<DocumentDiagnosticReport> => {
      const result = await service.diagnostics(params.textDocument.uri);
      if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (params.previousResultId === result.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.diagnostics };
    }),
  );

  connection.onCodeAction(request((params) => service.codeActions(params.textDocument.uri, params.range, params.context, capabilities.workspace?.workspaceEdit?.documentChanges === true)));
  connection.onCompletion(
    request((params) => {
      // `#` and a space are trigger characters for headings; typed anywhere else they offer nothing.
      const triggered = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter;
      const snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
      return service.completions(params.textDocument.uri, params.position, snippets, { headingsOnly: triggered });
    }),
  );
  connection.onHover(request((params) => service.hover(params.textDocument.uri, params.position)));
  connection.onDocumentSymbol(request((params) => service.documentSymbols(params.textDocument.uri)));

  // The custom requests of protocol.ts, typed end to end (params and results are checked against
  // the shared RequestTypes). Params come from any client, so the handlers still check their shape.
  connection.onRequest(
    CoverageRequest,
    request((params) => service.coverage(uriParam(params))),
  );
  connection.onRequest(
    ForceCheckRequest,
    request((params) => {
      service.setForced(uriParam(params), params?.enabled === true);
      refreshPulledDiagnostics();
    }),
  );
  connection.onRequest(
    DiagramsRequest,
    request((params) => service.diagrams(uriParam(params))),
  );
  connection.onRequest(
    RulesRequest,
    request(() => service.rules()),
  );
  // Any other request: unknown methods get MethodNotFound from the library, but not after shutdown.
  connection.onRequest(
    request((method: string) => {
      throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
    }),
  );

  documents.listen(connection);
  connection.listen();
  logger.info(`${SERVER_NAME} ${deps.version} started (pid ${process.pid}).`);
}
