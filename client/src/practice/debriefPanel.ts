// The debrief webview: one panel, re-used for each debrief, with the page built by debriefHtml.ts.
// Scripts are on only for the page's own bundle (nonce); command links are off and only
// dist/webview is loadable.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { DebriefModel } from '../../../server/src/cli/format-report';
import { buildDebriefHtml } from './debriefHtml';

export const DEBRIEF_VIEW_TYPE = 'mlsd.practiceDebrief';
export const WORKED_EXAMPLE_COMMAND = 'mlsd.openWorkedExample';

export interface DebriefRendered {
  rows: number;
  bars: number;
  progressPoints: number;
  readiness: number;
}

type PageMessage = ({ type: 'rendered' } & DebriefRendered) | { type: 'jump'; line: number } | { type: 'retry'; stepId?: string } | { type: 'compare' } | { type: 'open' };

export interface DebriefTarget {
  model: DebriefModel;
  /** The practice doc, if it still exists. */
  fileUri?: vscode.Uri;
}

export class DebriefPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: DebriefTarget | undefined;
  private rendered: DebriefRendered | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<DebriefRendered>();
  readonly onDidRender = this.renderedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly retry: (target: DebriefTarget, stepId: string) => Promise<unknown>,
  ) {}

  show(target: DebriefTarget): void {
    this.target = target;
    this.rendered = undefined;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        DEBRIEF_VIEW_TYPE,
        'Debrief',
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        {
          enableScripts: true,
          enableCommandUris: false,
          localResourceRoots: [root],
          retainContextWhenHidden: false,
        },
      );
      this.panel.iconPath = vscode.Uri.joinPath(root, 'practice.svg');
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: PageMessage) => void this.onMessage(message));
    }
    const webview = this.panel.webview;
    this.panel.title = `Debrief: ${target.model.title}`;
    webview.html = buildDebriefHtml(target.model, {
      cspSource: webview.cspSource,
      nonce: randomBytes(18)
        .toString('base64')
        .replace(/[^A-Za-z0-9]/g, ''),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'debrief.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'debrief.css')).toString(),
      hasWorkedExample: target.model.session !== undefined && target.model.session.case !== '',
    });
    this.panel.reveal(vscode.ViewColumn.Active);
  }

  lastRendered(): DebriefRendered | undefined {
    return this.rendered;
  }

  current(): DebriefModel | undefined {
    return this.panel ? this.target?.model : undefined;
  }

  private async onMessage(message: PageMessage): Promise<void> {
    const target = this.target;
    if (!target) return;
    switch (message.type) {
      case 'rendered':
        this.rendered = { rows: message.rows, bars: message.bars, progressPoints: message.progressPoints, readiness: message.readiness };
        this.renderedEmitter.fire(this.rendered);
        return;
      case 'jump':
        if (Number.isInteger(message.line) && message.line >= 0) await this.openDoc(target, message.line);
        return;
      case 'open':
        await this.openDoc(target, undefined);
        return;
      case 'compare': {
        const caseId = target.model.session?.case;
        if (!caseId) return;
        const commands = await vscode.commands.getCommands(true);
        if (!commands.includes(WORKED_EXAMPLE_COMMAND)) {
          void vscode.window.showInformationMessage(`MLSD: no worked example viewer in this version (templates/examples/${caseId}.md).`);
          return;
        }
        // The attempt on the left, the worked example beside it.
        if (target.fileUri) await this.openDoc(target, undefined);
        await vscode.commands.executeCommand(WORKED_EXAMPLE_COMMAND, caseId, { beside: true });
        return;
      }
      case 'retry':
        if (typeof message.stepId === 'string') await this.retry(target, message.stepId);
        return;
    }
  }

  private async openDoc(target: DebriefTarget, line: number | undefined): Promise<void> {
    if (!target.fileUri) {
      void vscode.window.showInformationMessage('MLSD: the practice doc of this session is no longer there.');
      return;
    }
    try {
      const document = await vscode.workspace.openTextDocument(target.fileUri);
      const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
      if (line !== undefined) {
        const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
        editor.selection = new vscode.Selection(position, position);
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    } catch {
      void vscode.window.showInformationMessage('MLSD: the practice doc of this session is no longer there.');
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.renderedEmitter.dispose();
  }
}
