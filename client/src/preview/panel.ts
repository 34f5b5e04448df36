// The diagram preview panel: one webview beside the editor that follows the active Markdown
// document, asks the language server for its mermaid blocks and hands them to the page.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DiagramInfo } from '../../../server/src/protocol';
import { requestDiagrams } from '../protocolClient';
import { PREVIEW_DEBOUNCE_MS, PREVIEW_EXPORT_THEME, PREVIEW_THEME, readSetting } from '../../../server/src/settings/definitions';
import { buildPreviewHtml, createNonce } from './html';
import type { HostToPreviewMessage, PreviewExportTheme, PreviewThemeSetting, PreviewToHostMessage } from './messages';

export const OPEN_PREVIEW_COMMAND = 'mlsd.openPreview';
export const PREVIEW_VIEW_TYPE = 'mlsd.diagramPreview';

/** The page's report after a render pass (diagram counts and time): for the extension tests and the benchmark. */
export type PreviewRendered = Omit<Extract<PreviewToHostMessage, { type: 'rendered' }>, 'type'>;

/** Scripts on, command links off, and only the bundled page assets loadable: for new and restored panels alike. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

function previewSettings(resource: vscode.Uri | undefined): { theme: PreviewThemeSetting; exportTheme: PreviewExportTheme; debounceMs: number } {
  const config = vscode.workspace.getConfiguration('mlsd', resource);
  const get = (path: string) => config.get(path);
  // Invalid settings fall back to the default (settings/definitions.ts) rather than hammering the server or never updating.
  return { theme: readSetting(PREVIEW_THEME, get), exportTheme: readSetting(PREVIEW_EXPORT_THEME, get), debounceMs: readSetting(PREVIEW_DEBOUNCE_MS, get) };
}

function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class DiagramPreview implements vscode.Disposable {
  private document: vscode.TextDocument | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Increments per refresh so a slow, stale server answer never overwrites a newer one. */
  private refreshGeneration = 0;
  /**
   * True between the page's `ready` message and the panel being hidden. A hidden webview's page is
   * torn down, and a re-shown one loads again and says `ready`, which is what triggers its refresh.
   */
  private pageReady = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    /** The running language client, starting the server if need be; undefined when it cannot start. */
    private readonly getClient: () => Promise<LanguageClient | undefined>,
    private readonly onRendered: (report: PreviewRendered) => void,
    private readonly onDispose: () => void,
  ) {
    const webview = panel.webview;
    webview.html = this.html();
    this.disposables.push(
      webview.onDidReceiveMessage((message: PreviewToHostMessage) => void this.onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // Focus moving in or out of a visible panel changes nothing on the page: no refresh.
        if (!panel.visible) this.pageReady = false;
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isMarkdown(editor.document) && editor.document !== this.document) this.show(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.scheduleRefresh();
      }),
      vscode.workspace.onDidCloseTextDocument((closed) => {
        if (closed === this.document) {
          this.document = undefined;
          this.post({ type: 'status', message: 'The document was closed. Open a Markdown file to preview its diagrams.' });
        }
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('mlsd.preview')) this.scheduleRefresh(0);
      }),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const assets = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    return buildPreviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'preview.css')).toString(),
    });
  }

  show(document: vscode.TextDocument | undefined): void {
    this.document = document;
    this.panel.title = document ? `Diagrams: ${vscode.workspace.asRelativePath(document.uri, false).split('/').pop()}` : 'Diagram Preview';
    if (!document) {
      this.post({ type: 'status', message: 'Open a Markdown file to preview its mermaid diagrams.' });
      return;
    }
    this.scheduleRefresh(0);
  }

  private scheduleRefresh(delayMs = previewSettings(this.document?.uri).debounceMs): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    if (!document || !this.pageReady || !this.panel.visible) return;
    const generation = ++this.refreshGeneration;
    const client = await this.getClient();
    if (generation !== this.refreshGeneration) return;
    if (!client) {
      this.post({ type: 'status', message: 'The MLSD language server is not running, so the diagrams cannot be read. Run "MLSD: Restart Language Server" or see "MLSD: Show Output".' });
      return;
    }
    const version = document.version;
    let diagrams: DiagramInfo[];
    try {
      diagrams = await requestDiagrams(client, { uri: document.uri.toString() });
    } catch (error) {
      if (generation === this.refreshGeneration) this.post({ type: 'status', message: `Could not read the diagrams from the language server: ${errorText(error)}` });
      return;
    }
    if (generation !== this.refreshGeneration || document !== this.document) return;
    const settings = previewSettings(document.uri);
    this.post({
      type: 'update',
      uri: document.uri.toString(),
      fileName: vscode.workspace.asRelativePath(document.uri, false),
      version,
      diagrams: Array.isArray(diagrams) ? diagrams : [],
      theme: settings.theme,
      exportTheme: settings.exportTheme,
    });
  }

  private post(message: HostToPreviewMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: PreviewToHostMessage): Promise<void> {
    try {
      switch (message?.type) {
        case 'ready':
          this.pageReady = true;
          if (this.document) this.scheduleRefresh(0);
          else this.show(undefined);
          return;
        case 'reveal':
          return await this.reveal(message.uri, message.line, message.endLine);
        case 'copySvg':
          await vscode.env.clipboard.writeText(String(message.svg));
          void vscode.window.setStatusBarMessage('Diagram SVG copied to the clipboard.', 3000);
          return;
        case 'export':
          return await this.export(message.format, message.uri, message.index, message.data);
        case 'problem':
          void vscode.window.showWarningMessage(String(message.message));
          return;
        case 'rendered': {
          const { type: _type, ...report } = message;
          this.onRendered(report);
          return;
        }
        default:
          return;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Diagram preview: ${errorText(error)}`);
    }
  }

  /**
   * The previewed document, when `uri` names it. The page is defence in depth's outer wall, not a
   * trusted party: a `reveal` or `export` message naming any other URI (another file, a `command:`
   * or `untitled:` URI) is ignored, so a compromised page can neither open nor write next to files.
   */
  private previewedDocument(uri: unknown): vscode.TextDocument | undefined {
    const document = this.document;
    return document && typeof uri === 'string' && uri === document.uri.toString() ? document : undefined;
  }

  private async reveal(uri: unknown, line: unknown, endLine: unknown): Promise<void> {
    const document = this.previewedDocument(uri);
    if (!document || typeof line !== 'number' || !Number.isInteger(line) || line < 0) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const first = Math.min(line, editor.document.lineCount - 1);
    const last = Math.min(typeof endLine === 'number' && Number.isInteger(endLine) && endLine >= first ? endLine : first, editor.document.lineCount - 1);
    const range = new vscode.Range(first, 0, last, editor.document.lineAt(last).text.length);
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async export(format: 'svg' | 'png', uri: unknown, index: unknown, data: string): Promise<void> {
    const document = this.previewedDocument(uri);
    if (!document) return;
    const number = typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index + 1 : 1;
    let bytes: Uint8Array;
    if (format === 'svg' && typeof data === 'string' && data.startsWith('<svg')) bytes = new TextEncoder().encode(data);
    else if (format === 'png' && typeof data === 'string' && data.startsWith('data:image/png;base64,')) bytes = Buffer.from(data.slice('data:image/png;base64,'.length), 'base64');
    else throw new Error(`the page sent no ${format.toUpperCase()} data`);
    const source = document.uri;
    const base =
      source.path
        .split('/')
        .pop()
        ?.replace(/\.[^.]+$/, '') || 'diagram';
    const defaultUri = vscode.Uri.joinPath(source, '..', `${base}-diagram-${number}.${format}`);
    const target = await vscode.window.showSaveDialog({
      defaultUri: source.scheme === 'file' ? defaultUri : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: `Export diagram ${number} as ${format.toUpperCase()}`,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.setStatusBarMessage(`Diagram exported to ${vscode.workspace.asRelativePath(target, false)}.`, 4000);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.refreshGeneration++;
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.onDispose();
  }
}

/**
 * Registers "MLSD: Open Diagram Preview". The extension calls this once on activation;
 * getClient resolves the running language client (starting the server if need be), or undefined
 * when the server cannot start. The result reads the page's last render report.
 */
export function registerPreview(context: vscode.ExtensionContext, getClient: () => Promise<LanguageClient | undefined>): { lastRendered(): PreviewRendered | undefined } {
  let current: DiagramPreview | undefined;
  let lastRendered: PreviewRendered | undefined;

  const attach = (panel: vscode.WebviewPanel, document: vscode.TextDocument | undefined): DiagramPreview => {
    const onRendered = (report: PreviewRendered): void => {
      lastRendered = report;
    };
    const preview = new DiagramPreview(panel, context.extensionUri, getClient, onRendered, () => {
      if (current === preview) current = undefined;
    });
    current = preview;
    preview.show(document);
    return preview;
  };

  const activeMarkdown = (uri?: vscode.Uri): vscode.TextDocument | undefined => {
    if (uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const editor = vscode.window.activeTextEditor;
    return editor && isMarkdown(editor.document) ? editor.document : vscode.window.visibleTextEditors.find((e) => isMarkdown(e.document))?.document;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, async (uri?: unknown) => {
      const document = activeMarkdown(uri instanceof vscode.Uri ? uri : undefined) ?? (uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : undefined);
      if (current) {
        current.panel.reveal(vscode.ViewColumn.Beside, true);
        current.show(document);
        return;
      }
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Diagram Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context.extensionUri));
      attach(panel, document);
    }),
    // Restores the panel after a window reload, following whichever Markdown editor is active.
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        // A restored panel keeps the options it was saved with; set the current ones (extension path may have moved).
        panel.webview.options = webviewOptions(context.extensionUri);
        attach(panel, activeMarkdown());
      },
    }),
    { dispose: () => current?.dispose() },
  );
  return { lastRendered: () => lastRendered };
}
