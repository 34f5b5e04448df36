// "MLSD: Check Current Document as a Design Doc" (and its inverse): for a Markdown file outside
// the include globs that the writer wants checked anyway, without adding a marker to the file.
import * as vscode from 'vscode';
import type { ServerController } from '../serverController';

export const CHECK_DOCUMENT_COMMAND = 'mlsd.checkDocument';
export const STOP_CHECKING_DOCUMENT_COMMAND = 'mlsd.stopCheckingDocument';

function activeMarkdownDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('MLSD: open a Markdown document first.');
    return undefined;
  }
  return document;
}

export async function checkCurrentDocument(server: ServerController, enabled: boolean): Promise<boolean> {
  const document = activeMarkdownDocument();
  if (!document) return false;
  if (!(await server.setForceCheck(document.uri, enabled))) return false;
  const name = vscode.workspace.asRelativePath(document.uri);
  vscode.window.setStatusBarMessage(enabled ? `MLSD: checking ${name} as a design doc` : `MLSD: stopped checking ${name}`, 4000);
  return true;
}
