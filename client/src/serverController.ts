// Owns the language client: starts it on first need (a design doc opened, or a command that
// needs the server), restarts it on request, and re-sends per-document state after a restart.
import * as vscode from 'vscode';
// Types only: the language client library is loaded on first start (see start()), keeping
// activation cheap for users who never open a design doc.
import type { LanguageClient, LanguageClientOptions, Middleware, ServerOptions } from 'vscode-languageclient/node';
import type { CoverageResult } from '../../server/src/protocol';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/launchFlags';
import { SERVED_SCHEMES } from './designDocDetection';
import { onCoverageChanged, requestForceCheck } from './protocolClient';

export const OUTPUT_CHANNEL_NAME = 'MLSD Design Docs';

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly coverageListeners = new vscode.EventEmitter<CoverageResult>();
  private readonly runningListeners = new vscode.EventEmitter<boolean>();
  /** Documents the user asked to check although they are outside the include globs, by `Uri.toString()`. */
  private readonly forcedUris = new Map<string, vscode.Uri>();
  readonly outputChannel: vscode.LogOutputChannel;

  /** Fires after every lint of a design doc, with its coverage. */
  readonly onDidChangeCoverage = this.coverageListeners.event;
  /** Fires when the server starts or stops. */
  readonly onDidChangeRunning = this.runningListeners.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  }

  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** The client, starting it if need be; undefined when the server cannot start (the error is shown once). */
  ensureStarted(): Promise<LanguageClient | undefined> {
    if (this.starting) return this.starting;
    if (this.client && !this.client.needsStart()) return Promise.resolve(this.client);
    this.starting = this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.ensureStarted();
  }

  /** Remembers the choice (re-sent after a restart) and tells the server; false when the server cannot start. */
  async setForceCheck(uri: vscode.Uri, enabled: boolean): Promise<boolean> {
    if (enabled) this.forcedUris.set(uri.toString(), uri);
    else this.forcedUris.delete(uri.toString());
    const client = await this.ensureStarted();
    if (!client) return false;
    await sendForceCheck(client, uri, enabled);
    return true;
  }

  private async start(): Promise<LanguageClient | undefined> {
    const { LanguageClient, RevealOutputChannelOn, State, TransportKind } = await import('vscode-languageclient/node');
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SERVED_SCHEMES.map((scheme) => ({ scheme, language: 'markdown' })),
      // The server pulls settings per resource through workspace/configuration; this makes the
      // client announce changes of the `mlsd` section so they apply without a reload.
      synchronize: {
        configurationSection: 'mlsd',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{.mlsdrc.json,.mlsdrc.yaml,.mlsdrc.yml,package.json}'),
      },
      outputChannel: this.outputChannel,
      // Problems in a design doc are for the writer to see; never steal focus with the output channel.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      middleware: vscodeMiddleware,
    };
    const client = new LanguageClient('mlsd', OUTPUT_CHANNEL_NAME, serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((event) => this.runningListeners.fire(event.newState === State.Running));
    // Before start(): the server pushes coverage as soon as it has linted the open documents.
    onCoverageChanged(client, (coverage) => this.coverageListeners.fire(coverage));
    try {
      await client.start();
    } catch (error) {
      this.client = undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.outputChannel.error(`The MLSD language server failed to start: ${message}`);
      void vscode.window.showErrorMessage(`MLSD: the language server failed to start (${message}). See the "${OUTPUT_CHANNEL_NAME}" output.`);
      return undefined;
    }
    for (const uri of this.forcedUris.values()) {
      await sendForceCheck(client, uri, true).catch((error: unknown) => this.outputChannel.warn(`Re-sending force-check for ${uri.toString()} failed: ${String(error)}`));
    }
    return client;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.needsStop()) await client.stop(2000).catch(() => undefined);
  }

  dispose(): void {
    void this.stop();
    this.coverageListeners.dispose();
    this.runningListeners.dispose();
    this.outputChannel.dispose();
  }
}

/** `command:mlsd.showRuleDocs?["<rule>"]`: the rule's bundled page in the Markdown preview. */
function ruleDocsCommandUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:mlsd.showRuleDocs?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

/** Our findings' rule links open the rule's page bundled with the extension (offline), whatever the server linked. */
function withBundledRuleDocs(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code;
    if (typeof code === 'object' && code.target && /^[a-z0-9-]+$/.test(String(code.value))) {
      diagnostic.code = { value: code.value, target: ruleDocsCommandUri(String(code.value)) };
    }
  }
  return diagnostics;
}

/**
 * What the VS Code client does differently from other LSP clients (the server stays the same for all):
 * - heading skeletons come only when asked (Ctrl+Space): VS Code selects the first suggestion of a
 *   list a typed `#` or space opened, so Enter after `## ` would replace the line with a skeleton;
 * - no document symbols: VS Code outlines Markdown itself (Outline, breadcrumbs, Go to Symbol) and
 *   the Design Practice view shows the steps, so ours would only duplicate its headings;
 * - rule links open the bundled rule docs in the Markdown preview.
 */
const vscodeMiddleware: Middleware = {
  provideCompletionItem: (document, position, context, token, next) => (context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter ? [] : next(document, position, context, token)),
  provideDocumentSymbols: () => [],
  handleDiagnostics: (uri, diagnostics, next) => next(uri, withBundledRuleDocs(diagnostics)),
  provideDiagnostics: async (document, previousResultId, token, next) => {
    const report = await next(document, previousResultId, token);
    if (report && 'items' in report && Array.isArray(report.items)) withBundledRuleDocs(report.items);
    return report;
  },
};

/** The one place a force-check is sent, so the first send and the re-send after a restart spell the URI alike. */
function sendForceCheck(client: LanguageClient, uri: vscode.Uri, enabled: boolean): Promise<void> {
  return requestForceCheck(client, { uri: client.code2ProtocolConverter.asUri(uri), enabled });
}
