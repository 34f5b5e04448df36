// Entry point of the VS Code extension. Activation (on any Markdown file) only registers commands,
// the status bar item and listeners; the language server starts the first time a document that may
// be a design doc is opened, or a command needs it, so an ordinary Markdown user pays nothing.
import * as vscode from 'vscode';
import type { CoverageResult } from '../../server/src/protocol';
import { CHECK_DOCUMENT_COMMAND, STOP_CHECKING_DOCUMENT_COMMAND, checkCurrentDocument } from './commands/checkDocument';
import { FIX_ALL_COMMAND, fixAllInActiveDocument } from './commands/fixAll';
import { NEW_FROM_TEMPLATE_COMMAND, newDesignDocFromTemplate } from './commands/newFromTemplate';
import { SHOW_RULE_DOCS_COMMAND, showRuleDocs } from './commands/ruleDocs';
import { registerWorkedExamples } from './commands/workedExample';
import { showMissing, type GapOutcome } from './commands/showMissing';
import { isServedMarkdown, mightBeDesignDoc } from './designDocDetection';
import { registerPreview, type PreviewRendered } from './preview/panel';
import { registerPractice, type PracticeApi } from './practice';
import { ServerController } from './serverController';
import { CoverageStatusBar, SHOW_MISSING_COMMAND } from './statusBar';

export const RESTART_SERVER_COMMAND = 'mlsd.restartServer';
export const SHOW_OUTPUT_COMMAND = 'mlsd.showOutput';

/** What `activate` returns: used by the extension tests (and by anyone scripting the extension). */
export interface MlsdExtensionApi {
  /** Starts the language server if it is not running; resolves false when it cannot start. */
  startServer(): Promise<boolean>;
  isServerRunning(): boolean;
  coverage(uri: vscode.Uri): Promise<CoverageResult | undefined>;
  statusBar(): { visible: boolean; text: string; tooltip: string };
  /** The same as clicking the status bar and picking `stepId`. */
  resolveGap(stepId: string): Promise<GapOutcome>;
  /** What the diagram preview page reported after its last render pass, if it has rendered. */
  previewRendered(): PreviewRendered | undefined;
  /** Interview practice mode: the session, the clock, the views and the debrief as the user sees them. */
  practice: PracticeApi;
}

function mightBeDesignDocument(document: vscode.TextDocument): boolean {
  // Every document VS Code opens passes here (git views, output, settings): reject the ones the
  // server never sees before reading any text or settings.
  if (!isServedMarkdown(document.languageId, document.uri.scheme)) return false;
  const settings = vscode.workspace.getConfiguration('mlsd', document.uri);
  return mightBeDesignDoc({
    uri: document.uri.toString(),
    text: document.getText(),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString()),
    settings: { enable: settings.get('enable'), include: settings.get('include'), exclude: settings.get('exclude') },
  });
}

let activeServer: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): MlsdExtensionApi {
  const server = new ServerController(context);
  activeServer = server;
  const statusBar = new CoverageStatusBar(server);
  context.subscriptions.push(server, statusBar);

  const startIfDesignDoc = (document: vscode.TextDocument): void => {
    if (!server.running && mightBeDesignDocument(document)) void server.ensureStarted();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_FROM_TEMPLATE_COMMAND, (templateId?: unknown) => newDesignDocFromTemplate(templateId)),
    vscode.commands.registerCommand(CHECK_DOCUMENT_COMMAND, () => checkCurrentDocument(server, true)),
    vscode.commands.registerCommand(STOP_CHECKING_DOCUMENT_COMMAND, () => checkCurrentDocument(server, false)),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, () => fixAllInActiveDocument(server)),
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (ruleId?: unknown) => showRuleDocs(server, context.extensionUri, ruleId, () => statusBar.activeRuleSeverities())),
    vscode.commands.registerCommand(SHOW_MISSING_COMMAND, (stepId?: unknown) => showMissing(statusBar, stepId)),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => server.restart()),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => server.outputChannel.show(true)),
    vscode.workspace.onDidOpenTextDocument(startIfDesignDoc),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Include globs or the master switch may now cover documents that are already open.
      if (event.affectsConfiguration('mlsd')) vscode.workspace.textDocuments.forEach(startIfDesignDoc);
    }),
  );
  vscode.workspace.textDocuments.forEach(startIfDesignDoc);
  registerWorkedExamples(context);

  // The preview asks for the client when it renders; opening a preview counts as needing the server.
  const preview = registerPreview(context, () => server.ensureStarted());
  const practice = registerPractice(context, {
    coverageFor: async (uri) => {
      await server.ensureStarted();
      return statusBar.coverageFor(uri);
    },
    peekCoverage: async (uri) => (server.running ? statusBar.coverageFor(uri) : undefined),
    mightBeDesignDoc: mightBeDesignDocument,
    onDidChangeCoverage: server.onDidChangeCoverage,
    log: (message) => server.outputChannel.info(message),
  });

  return {
    startServer: async () => (await server.ensureStarted()) !== undefined,
    isServerRunning: () => server.running !== undefined,
    coverage: (uri) => statusBar.coverageFor(uri),
    statusBar: () => statusBar.snapshot(),
    resolveGap: (stepId) => showMissing(statusBar, stepId),
    previewRendered: () => preview.lastRendered(),
    practice,
  };
}

/** Returning the stop promise lets VS Code wait for the server to exit cleanly. */
export function deactivate(): Promise<void> | undefined {
  const server = activeServer;
  activeServer = undefined;
  return server?.stop();
}
