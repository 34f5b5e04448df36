// A real LSP client for tests: spawns the bundled server as a child process and talks LSP over
// stdio with vscode-jsonrpc / vscode-languageserver-protocol, as an editor would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForNode } from '../../helpers/nodeBundle';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  type ClientCapabilities,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

const ROOT = join(__dirname, '..', '..', '..');

let bundlePromise: Promise<string> | undefined;

/** Bundles server/src/lsp/main.ts the way scripts/build.mjs does, into a private folder (others may be rebuilding dist/). */
export function buildServerBundle(): Promise<string> {
  bundlePromise ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'mlsd-lsp-test-')), 'server.js');
    await bundleForNode({ entryPoints: [join(ROOT, 'server/src/lsp/main.ts')], outfile });
    return outfile;
  })();
  return bundlePromise;
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

export interface StartOptions {
  capabilities?: ClientCapabilities;
  /** Answer to workspace/configuration for the `mlsd` section (per scope uri). */
  settings?: (scopeUri: string | undefined) => unknown;
  workspaceFolder?: string;
  initializationOptions?: unknown;
  env?: Record<string, string>;
  /** A server bundle of the test's own (default: buildServerBundle()). */
  serverBundle?: string;
}

export class LspTestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly shownMessages: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';
  initializeResult: InitializeResult | undefined;
  private waiters: (() => void)[] = [];
  exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const bundle = options.serverBundle ?? (await buildServerBundle());
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.diagnostics.push(params);
      client.wake();
    });
    connection.onNotification(LogMessageNotification.type, (params) => void client.logs.push(params));
    connection.onNotification(ShowMessageNotification.type, (params) => void client.shownMessages.push(params.message));
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
      client.wake();
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'mlsd' ? (options.settings?.(item.scopeUri) ?? null) : null)));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ShowMessageRequest.type, (params) => {
      client.shownMessages.push(params.message);
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => undefined);
    connection.listen();
    const folder = options.workspaceFolder;
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ?? null,
      workspaceFolders: folder ? [{ uri: folder, name: 'test' }] : null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Resolves with the first published diagnostics (already received or future) that satisfy the predicate. */
  waitForDiagnostics(predicate: (params: PublishDiagnosticsParams) => boolean, timeoutMs = 15_000, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.diagnostics.slice(from).find(predicate), timeoutMs, 'diagnostics');
  }

  waitForNotification(method: string, predicate: (params: unknown) => boolean, timeoutMs = 15_000, from = 0): Promise<unknown> {
    return this.waitFor(() => this.notifications.slice(from).find((n) => n.method === method && predicate(n.params))?.params, timeoutMs, method);
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = find();
        if (found === undefined) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `Timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}; logs: ${this.logs
                .map((l) => l.message)
                .join(' | ')
                .slice(-2000)}`,
            ),
          ),
        timeoutMs,
      );
      if (check()) return;
      const register = () =>
        this.waiters.push(() => {
          if (!check()) register();
        });
      register();
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  sendRequest(method: string, params: unknown): Promise<unknown> {
    return params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params);
  }

  isAlive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async stop(): Promise<void> {
    if (this.isAlive()) {
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // the server is gone already
      }
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (this.isAlive()) this.process.kill('SIGKILL');
    }
    this.connection.dispose();
  }
}
