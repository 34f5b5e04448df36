// The coverage status bar item: visible only while a design doc is the active editor, fed by the
// server's coverageChanged notifications (no polling). The server pushes coverage after every
// analysis of every open document, so an editor switch asks for it only when nothing was pushed yet.
import * as vscode from 'vscode';
import type { CoverageResult } from '../../server/src/protocol';
import { requestCoverage } from './protocolClient';
import { formatCoverage } from './coverageView';
import type { ServerController } from './serverController';

export const SHOW_MISSING_COMMAND = 'mlsd.showMissing';
/** Context key: the active editor is a design doc (menus such as Fix All show only then). */
export const DESIGN_DOC_CONTEXT = 'mlsd.designDoc';

export class CoverageStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly latest = new Map<string, CoverageResult>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: ServerController) {
    this.item = vscode.window.createStatusBarItem('mlsd.coverage', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'MLSD Coverage';
    this.item.command = SHOW_MISSING_COMMAND;
    this.disposables.push(
      this.item,
      server.onDidChangeCoverage((result) => {
        this.latest.set(normaliseUri(result.uri), result);
        if (normaliseUri(result.uri) === this.activeUri()) this.render(result);
      }),
      server.onDidChangeRunning((running) => (running ? void this.refresh() : this.hide())),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidCloseTextDocument((document) => this.latest.delete(normaliseUri(document.uri.toString()))),
    );
  }

  /** Coverage of a document: the last one the server pushed, or a fresh request. */
  async coverageFor(uri: vscode.Uri): Promise<CoverageResult | undefined> {
    const client = this.server.running;
    if (!client) return this.latest.get(normaliseUri(uri.toString()));
    try {
      const result = await requestCoverage(client, { uri: client.code2ProtocolConverter.asUri(uri) });
      this.latest.set(normaliseUri(uri.toString()), result);
      return result;
    } catch (error) {
      this.server.outputChannel.warn(`Coverage request for ${uri.toString()} failed: ${String(error)}`);
      return this.latest.get(normaliseUri(uri.toString()));
    }
  }

  /** The effective rule severities of the active design doc (undefined when no design doc is active). */
  async activeRuleSeverities(): Promise<Record<string, string> | undefined> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') return undefined;
    const result = await this.coverageFor(document.uri);
    return result?.isDesignDoc ? result.rules : undefined;
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown' || !this.server.running) {
      this.hide();
      return;
    }
    const uri = editor.document.uri;
    const cached = this.latest.get(normaliseUri(uri.toString()));
    if (cached) {
      this.render(cached);
      return;
    }
    const fresh = await this.coverageFor(uri);
    // The user may have switched editors while the request was in flight.
    if (fresh && normaliseUri(fresh.uri) === this.activeUri()) this.render(fresh);
  }

  /** What the item shows now, for the extension's API (tests read it from the extension host). */
  snapshot(): { visible: boolean; text: string; tooltip: string } {
    const tooltip = this.item.tooltip;
    return { visible: this.visible, text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '') };
  }

  private visible = false;
  private designDocContext: boolean | undefined;

  private render(result: CoverageResult): void {
    if (!result.isDesignDoc || !result.coverage) {
      this.hide();
      return;
    }
    this.setDesignDocContext(true);
    const view = formatCoverage(result);
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
    this.setDesignDocContext(false);
  }

  private setDesignDocContext(value: boolean): void {
    if (this.designDocContext === value) return;
    this.designDocContext = value;
    // setContext never fails in VS Code; a stand-in API without it must not break the status bar.
    void Promise.resolve()
      .then(() => vscode.commands.executeCommand('setContext', DESIGN_DOC_CONTEXT, value))
      .catch(() => undefined);
  }

  private activeUri(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri ? normaliseUri(uri.toString()) : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The server and VS Code may encode the same URI differently (e.g. `%3A` vs `:`): compare parsed forms. */
export function normaliseUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}
